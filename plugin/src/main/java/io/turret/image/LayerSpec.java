package io.turret.image;

import io.turret.failure.UserFailure;
import java.util.regex.Pattern;

/**
 * One layer of a service's image: {@code path} in a builder's output (when {@code builder} is set)
 * or in the project, put at {@code into} in the image. A file lands at {@code into} itself (or in
 * it, when {@code into} ends with '/'); a folder's content lands under {@code into}. {@code mode}
 * (octal) overrides the files' modes.
 */
public record LayerSpec(String builder, String path, String into, Integer mode) {
    private static final Pattern OCTAL = Pattern.compile("0?[0-7]{3}");

    public LayerSpec {
        builder = builder == null || builder.isBlank() ? null : builder.strip();
        path = path == null ? "" : path.strip();
        if (path.startsWith("/") || Pattern.compile("(^|/)\\.\\.(/|$)").matcher(path).find()) {
            throw new UserFailure("<layer> " + path + ": <path> must be relative to " + (builder == null ? "the project"
                    : "the builder's output") + " and stay inside it (no leading '/', no '..').");
        }
        if (builder == null && path.isEmpty()) {
            throw new UserFailure("<layer> without <builder> needs a <path>: the project folder or file it takes.");
        }
        if (into == null || !into.strip().startsWith("/")) {
            throw new UserFailure("<layer> " + describe(builder, path) + ": <into>" + into + "</into> must be an absolute"
                    + " path in the image, e.g. <into>/usr/local/bin/</into>.");
        }
        into = into.strip();
    }

    /** Reads a configured {@code <mode>}, e.g. {@code 755}. */
    public static Integer parseMode(String mode, String where) {
        if (mode == null || mode.isBlank()) {
            return null;
        }
        if (!OCTAL.matcher(mode.strip()).matches()) {
            throw new UserFailure(where + "<mode>" + mode + "</mode> is not an octal file mode; write e.g. <mode>755</mode>.");
        }
        return Integer.parseInt(mode.strip(), 8);
    }

    public boolean fromBuildOutput() {
        return builder != null;
    }

    /** How the layer is named in messages and the image's history: {@code go:api} or {@code config}. */
    public String name() {
        return describe(builder, path);
    }

    private static String describe(String builder, String path) {
        return builder == null ? path : builder + ":" + (path.isEmpty() ? "." : path);
    }
}
