package io.turret.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChallengeTest {
    @Test
    void readsBasicWithItsRealm() {
        assertEquals(List.of(new Challenge("Basic", Map.of("realm", "Turret test registry"))),
                Challenge.parse(List.of("Basic realm=\"Turret test registry\"")));
    }

    @Test
    void readsBearerWithItsParameters() {
        Challenge bearer = Challenge.parse(List.of("Bearer realm=\"https://auth.example.com/token\",service=\"registry\","
                + "scope=\"repository:shop/api:pull,push\"")).get(0);

        assertTrue(bearer.is("bearer"));
        assertEquals("https://auth.example.com/token", bearer.parameter("Realm"));
        assertEquals("registry", bearer.parameter("service"));
        assertEquals("repository:shop/api:pull,push", bearer.parameter("scope"));
    }

    @Test
    void readsSeveralChallengesInOneHeaderOrSeveral() {
        List<Challenge> challenges = Challenge.parse(List.of("Bearer realm=\"a, b\", error=insufficient_scope, Basic realm=x",
                "Negotiate"));

        assertEquals(List.of("Bearer", "Basic", "Negotiate"), challenges.stream().map(Challenge::scheme).toList());
        assertEquals(Map.of("realm", "a, b", "error", "insufficient_scope"), challenges.get(0).parameters());
        assertEquals("x", challenges.get(1).parameter("realm"));
    }

    @Test
    void leavesOutWhatItCannotRead() {
        assertEquals(List.of(), Challenge.parse(List.of("", "  ,  ", "\"quoted\"")));
        assertEquals(List.of("Basic"), Challenge.parse(List.of("Basic realm=\"unclosed")).stream().map(Challenge::scheme).toList());
    }
}
