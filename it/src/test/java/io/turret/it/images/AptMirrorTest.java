package io.turret.it.images;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AptMirrorTest {

    @Test
    void readsDeb822Sources() {
        String sources = """
                Types: deb
                # a comment
                URIs: http://mirror.example/debian
                Suites: bookworm bookworm-updates
                Components: main

                Types: deb
                URIs: http://mirror.example/debian-security
                Suites: bookworm-security
                Components: main
                """;

        assertEquals(Optional.of("http://mirror.example/debian"), AptMirror.find(sources, "bookworm"));
    }

    @Test
    void readsOneLineSourcesWithOptions() {
        String sources = """
                deb [signed-by=/usr/share/keyrings/x.gpg] http://mirror.example/debian bookworm main
                """;

        assertEquals(Optional.of("http://mirror.example/debian"), AptMirror.find(sources, "bookworm"));
    }

    @Test
    void skipsSecurityCommentedAndOtherSuites() {
        String sources = """
                # deb http://commented.example/debian bookworm main
                deb http://security.example/debian-security bookworm main
                deb http://mirror.example/debian trixie main
                """;

        assertEquals(Optional.empty(), AptMirror.find(sources, "bookworm"));
    }
}
