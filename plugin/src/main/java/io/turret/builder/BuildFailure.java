package io.turret.builder;

import io.turret.failure.UserFailure;
import java.util.List;
import java.util.stream.Collectors;

/** One or more builders' scripts failed: their compiles or unit tests. */
public final class BuildFailure extends UserFailure {
    private static final long serialVersionUID = 1L;

    public BuildFailure(List<BuildResult> failed) {
        super(failed.stream().map(BuildResult::failureMessage).collect(Collectors.joining("\n\n")));
    }
}
