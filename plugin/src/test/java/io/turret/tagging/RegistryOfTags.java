package io.turret.tagging;

import io.turret.oci.Digest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A registry's tags, manifests and journals in memory, for the tag logic's unit tests. It can
 * refuse one tag, refuse deleting tags, and "die" (as a JVM under kill -9) after a number of writes.
 */
final class RegistryOfTags implements TagStore {
    /** Thrown instead of the next write, as if the process had been killed: nothing after it runs. */
    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    final Map<String, Digest> tags = new HashMap<>();
    final Set<String> manifests = new HashSet<>();
    final Map<String, byte[]> journals = new HashMap<>();
    final List<String> writes = new ArrayList<>();
    String refusedTag;
    boolean deletesTags = true;
    int writesUntilKilled = Integer.MAX_VALUE;
    /** Runs after each tag is written: another run acting on the registry meanwhile. */
    Runnable afterEachTag = () -> { };

    @Override
    public Optional<Digest> tagged(String repository, String tag) {
        return Optional.ofNullable(tags.get(repository + ":" + tag));
    }

    @Override
    public boolean hasManifest(String repository, Digest digest) {
        return manifests.contains(repository + "@" + digest);
    }

    @Override
    public void tag(String repository, String tag, Digest digest) {
        write("tag " + repository + ":" + tag + " " + digest);
        if ((repository + ":" + tag).equals(refusedTag)) {
            throw new io.turret.failure.UserFailure("HTTP 403");
        }
        if (!hasManifest(repository, digest)) {
            throw new IllegalStateException("MANIFEST_UNKNOWN " + digest);
        }
        tags.put(repository + ":" + tag, digest);
        afterEachTag.run();
    }

    @Override
    public boolean untag(String repository, String tag) {
        if (!deletesTags) {
            return false;
        }
        write("untag " + repository + ":" + tag);
        tags.remove(repository + ":" + tag);
        return true;
    }

    @Override
    public Optional<ReleaseJournal> journal(String suffix) {
        try {
            return Optional.ofNullable(journals.get(suffix)).map(ReleaseJournal::fromJson);
        } catch (IllegalArgumentException e) {
            throw new UntrustedJournal(journalReference(suffix), e.getMessage(), e);
        }
    }

    @Override
    public String journalReference(String suffix) {
        return "registry.test/shop/turret-releases:" + suffix;
    }

    /** Adds a manifest to the registry. */
    void manifest(String repository, Digest digest) {
        manifests.add(repository + "@" + digest);
    }

    @Override
    public void writeJournal(ReleaseJournal journal) {
        write("journal " + journal.state());
        journals.put(journal.suffix(), journal.toJson());
    }

    private void write(String what) {
        if (writesUntilKilled-- <= 0) {
            throw new Killed();
        }
        writes.add(what);
    }
}
