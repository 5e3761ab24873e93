package io.turret.it.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP/1.1 as it travels, for {@link FaultProxy}: the head of a message, and copying a body
 * unchanged (chunked framing included) while knowing where it ends.
 */
final class HttpWire {
    private HttpWire() {
    }

    /** A request or response head: its first line and its header lines, in order. */
    static final class Head {
        final String startLine;
        final List<String[]> headers;

        private Head(String startLine, List<String[]> headers) {
            this.startLine = startLine;
            this.headers = headers;
        }

        /** The next head on {@code in}, or null at a clean end of stream. */
        static Head read(InputStream in) throws IOException {
            String start = line(in);
            if (start == null) {
                return null;
            }
            List<String[]> headers = new ArrayList<>();
            for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    throw new IOException("not an HTTP header line: " + line);
                }
                headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
            }
            return new Head(start, headers);
        }

        static Head response(int status, String reason, List<String[]> headers) {
            return new Head("HTTP/1.1 " + status + " " + reason, new ArrayList<>(headers));
        }

        String part(int index) {
            String[] parts = startLine.split(" ", 3);
            return index < parts.length ? parts[index] : "";
        }

        int status() {
            return Integer.parseInt(part(1));
        }

        String header(String name) {
            for (String[] header : headers) {
                if (header[0].equalsIgnoreCase(name)) {
                    return header[1];
                }
            }
            return null;
        }

        boolean has(String name, String value) {
            String actual = header(name);
            return actual != null && actual.toLowerCase().contains(value);
        }

        void remove(String name) {
            headers.removeIf(header -> header[0].equalsIgnoreCase(name));
        }

        void write(OutputStream out) throws IOException {
            StringBuilder text = new StringBuilder(startLine).append("\r\n");
            for (String[] header : headers) {
                text.append(header[0]).append(": ").append(header[1]).append("\r\n");
            }
            out.write(text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    /** Copies a request's body (chunked, {@code Content-Length}, or none). */
    static void copyRequestBody(Head request, InputStream in, OutputStream out) throws IOException {
        if (request.has("Transfer-Encoding", "chunked")) {
            copyChunked(in, out);
        } else if (request.header("Content-Length") != null) {
            copyExactly(in, out, Long.parseLong(request.header("Content-Length")));
        }
        out.flush();
    }

    /** Copies a response's body; false when its end is the end of the connection. */
    static boolean copyResponseBody(String requestMethod, Head response, InputStream in, OutputStream out) throws IOException {
        int status = response.status();
        boolean delimited = true;
        if (requestMethod.equals("HEAD") || status / 100 == 1 || status == 204 || status == 304) {
            return true;
        } else if (response.has("Transfer-Encoding", "chunked")) {
            copyChunked(in, out);
        } else if (response.header("Content-Length") != null) {
            copyExactly(in, out, Long.parseLong(response.header("Content-Length")));
        } else {
            in.transferTo(out);
            delimited = false;
        }
        out.flush();
        return delimited;
    }

    private static void copyChunked(InputStream in, OutputStream out) throws IOException {
        while (true) {
            String sizeLine = requireLine(in);
            out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                String trailer;
                do {
                    trailer = requireLine(in);
                    out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                } while (!trailer.isEmpty());
                return;
            }
            copyExactly(in, out, size);
            out.write((requireLine(in) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static void copyExactly(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[16384];
        long left = length;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("the stream ended " + left + " bytes before the body's end");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static String requireLine(InputStream in) throws IOException {
        String line = line(in);
        if (line == null) {
            throw new IOException("the stream ended inside a chunked body");
        }
        return line;
    }

    /** One CRLF- (or LF-) terminated line without its end, or null at end of stream before any byte. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            bytes.write(b);
        }
        if (b < 0 && bytes.size() == 0) {
            return null;
        }
        String line = bytes.toString(StandardCharsets.ISO_8859_1);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
