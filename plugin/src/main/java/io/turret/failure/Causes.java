package io.turret.failure;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one place where an exception becomes words for a message: what went wrong, never a class
 * name glued into a sentence ({@code java.net.ConnectException}) nor {@code null}.
 */
public final class Causes {
    /** A message that is only a class name, or a class name and a message: what {@code new RuntimeException(cause)} gives. */
    private static final Pattern CLASS_NAME = Pattern.compile("(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?::\\s*(.*))?",
            Pattern.DOTALL);

    private Causes() {
    }

    /**
     * What {@code failure} says, in words: "the connection was refused", "timed out", "the
     * connection was reset", "unknown host H", "no such file or folder: P", or its message; a
     * message that is missing or a bare class name is replaced by its cause's words.
     */
    public static String describe(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String words = ownWords(t);
            if (words != null) {
                return words;
            }
            deepest = t;
        }
        return unexplained(deepest);
    }

    /** The words of {@code t} alone, or null when it says nothing but its class and its cause's. */
    private static String ownWords(Throwable t) {
        String message = message(t);
        if (t instanceof ConnectException) {
            return message == null || message.equalsIgnoreCase("Connection refused") ? "the connection was refused" : message;
        }
        if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
            // the JDK's own words ("HTTP connect timed out", "Read timed out") say no more than this; ours do
            return message == null || message.toLowerCase(Locale.ROOT).contains("timed out") ? "timed out" : message;
        }
        if (t instanceof NoRouteToHostException) {
            return "no route to the host";
        }
        if (t instanceof UnknownHostException) {
            return message == null ? "unknown host" : "unknown host " + message;
        }
        if (t instanceof SocketException && message != null && message.toLowerCase(Locale.ROOT).contains("reset")) {
            return "the connection was reset";
        }
        if (t instanceof EOFException || t instanceof ClosedChannelException) {
            return message == null ? "the connection was closed before the end" : message;
        }
        if (t instanceof NoSuchFileException missing && message != null && message.equals(missing.getFile())) {
            return "no such file or folder: " + message;
        }
        if (t instanceof AccessDeniedException denied && message != null && message.equals(denied.getFile())) {
            return "permission denied: " + message;
        }
        if (t instanceof FileAlreadyExistsException exists && message != null && message.equals(exists.getFile())) {
            return "already exists: " + message;
        }
        if (t instanceof NotDirectoryException notFolder && message != null && message.equals(notFolder.getFile())) {
            return "not a folder: " + message;
        }
        return message;
    }

    /** The message, stripped; null when there is none, or when it only repeats the cause it wraps. */
    private static String message(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return null;
        }
        var className = CLASS_NAME.matcher(message.strip());
        if (className.matches()) {
            String rest = className.group(1);
            return t.getCause() != null || rest == null || rest.isBlank() ? null : rest.strip();
        }
        return message.strip();
    }

    /** For a failure that says nothing at all: its kind, in words ({@code NullPointerException}: "null pointer"). */
    private static String unexplained(Throwable failure) {
        String name = failure.getClass().getSimpleName().replaceFirst("(Exception|Error)$", "");
        String words = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return words.isBlank() ? "an error that gave no reason" : "an error that gave no reason (" + words + ")";
    }
}
