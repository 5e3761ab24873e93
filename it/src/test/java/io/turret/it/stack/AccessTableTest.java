package io.turret.it.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.it.stack.TokenSigner.Access;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessTableTest {

    @Test
    void grantsTheAskedActionsThePatternAllows() {
        AccessTable table = new AccessTable();
        table.grant("ci", "team/*", "pull", "push");

        assertEquals(List.of(new Access("repository", "team/a/b", List.of("pull", "push"))),
                table.granted("ci", List.of("repository:team/a/b:pull,push")));
        assertEquals(List.of(new Access("repository", "team/a", List.of("pull"))),
                table.granted("ci", List.of("repository:team/a:pull,delete")));
    }

    @Test
    void omitsRepositoriesOutsideEveryPatternAndOtherUsersGrants() {
        AccessTable table = new AccessTable();
        table.grant("ci", "team/*", "pull", "push");

        assertEquals(List.of(), table.granted("ci", List.of("repository:other/a:pull")));
        assertEquals(List.of(), table.granted("someone", List.of("repository:team/a:pull")));
        assertEquals(List.of(), table.granted("ci", List.of("registry:catalog:*")));
    }

    @Test
    void anonymousGrantsApplyToEveryone() {
        AccessTable table = new AccessTable();
        table.grant(AccessTable.ANONYMOUS, "public/*", "pull");

        assertEquals(List.of(new Access("repository", "public/x", List.of("pull"))),
                table.granted("ci", List.of("repository:public/x:pull,push")));
        assertEquals(List.of(new Access("repository", "public/x", List.of("pull"))),
                table.granted(AccessTable.ANONYMOUS, List.of("repository:public/x:pull")));
    }

    @Test
    void aWildcardActionAllowsAnyAskedAction() {
        AccessTable table = new AccessTable();
        table.grant("admin", "*", "*");

        assertEquals(List.of(new Access("repository", "a", List.of("delete", "pull"))),
                table.granted("admin", List.of("repository:a:pull,delete")));
    }

    @Test
    void checksPasswordsAndForgetsRevokedGrants() {
        AccessTable table = new AccessTable();
        table.addUser("ci", "secret");
        table.grant("ci", "*", "pull");
        table.revoke("ci");

        assertTrue(table.checks("ci", "secret"));
        assertFalse(table.checks("ci", "wrong"));
        assertFalse(table.checks("nobody", "secret"));
        assertEquals(List.of(), table.granted("ci", List.of("repository:a:pull")));
    }
}
