package io.turret.itest;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.oci.Digest;
import java.util.Map;

/**
 * The integration tests passed: which run tested which images, as the stage after them (the push)
 * is handed it.
 *
 * @param testedBy the run whose integration tests passed against these images
 * @param reused whether this run reused that verdict instead of running the tests
 * @param images service → the image id its integration tests ran
 */
public record Verdict(String testedBy, boolean reused, Map<String, Digest> images) {
    public Verdict {
        images = Map.copyOf(images);
    }

    /** The verdict as release.json records it: {@code passed}, the run that tested the images, and whether it was reused. */
    public ObjectNode json() {
        return json(testedBy, reused);
    }

    static ObjectNode json(String testedBy, boolean reused) {
        ObjectNode verdict = JSON.createObjectNode();
        verdict.put("verdict", "passed");
        verdict.put("testedBy", testedBy);
        verdict.put("reused", reused);
        return verdict;
    }
}
