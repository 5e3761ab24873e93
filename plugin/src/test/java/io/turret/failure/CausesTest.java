package io.turret.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class CausesTest {
    @Test
    void aRefusedConnectionWithoutAMessageIsToldInWords() {
        // java.net.http throws it so: no message at all
        assertEquals("the connection was refused", Causes.describe(new ConnectException()));
    }

    @Test
    void aWrapperWhoseMessageIsItsCausesClassNameTellsTheCause() {
        RuntimeException wrapped = new RuntimeException(new ConnectException());

        assertEquals("java.net.ConnectException", wrapped.getMessage(), "what the JDK makes of it");
        assertEquals("the connection was refused", Causes.describe(wrapped));
    }

    @Test
    void aWrapperThatRepeatsItsCausesMessageTellsTheCauseInWords() {
        assertEquals("the connection was reset", Causes.describe(new UncheckedIOException(new SocketException(
                "Connection reset"))));
    }

    @Test
    void timeoutsSayTheyTimedOut() {
        assertEquals("timed out", Causes.describe(new HttpConnectTimeoutException("HTTP connect timed out")));
        assertEquals("timed out", Causes.describe(new ExecutionException(new HttpTimeoutException("request timed out"))));
    }

    @Test
    void aTimeoutThatSaysMoreThanThatKeepsItsWords() {
        assertEquals("nothing moved for 1 s", Causes.describe(new HttpTimeoutException("nothing moved for 1 s")));
    }

    @Test
    void anUnknownHostIsNamed() {
        assertEquals("unknown host registry.example", Causes.describe(new UnknownHostException("registry.example")));
    }

    @Test
    void aMissingFileSaysWhatIsMissingNotJustItsPath() {
        assertEquals("no such file or folder: /tmp/x", Causes.describe(new NoSuchFileException("/tmp/x")));
    }

    @Test
    void anyOtherMessageIsTheMessage() {
        assertEquals("disk full", Causes.describe(new IOException(" disk full\n")));
        assertEquals("<builder> 'go': fix it", Causes.describe(new UserFailure("<builder> 'go': fix it")));
    }

    @Test
    void aFailureThatSaysNothingAtAllIsNeverNullNorAClassName() {
        assertEquals("an error that gave no reason (null pointer)", Causes.describe(new NullPointerException()));
        assertEquals("an error that gave no reason (null pointer)", Causes.describe(new RuntimeException(
                new NullPointerException())));
    }
}
