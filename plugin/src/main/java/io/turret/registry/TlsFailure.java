package io.turret.registry;

import io.turret.failure.Causes;
import io.turret.failure.UserFailure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Turns a failed TLS connection to a registry into the message that names what is wrong: a server
 * that answers in plain text, a certificate that does not name the registry's host (and the names
 * it holds), or a certificate signed by a CA nobody trusts here.
 */
public final class TlsFailure {
    private static final int PROBE_TIMEOUT_MILLIS = 5_000;
    private static final Pattern APACHE_NAMES = Pattern.compile("subject alternative names: \\[(.*)]");

    private TlsFailure() {
    }

    /**
     * Where the registry was named and how it was trusted, for the fix a message gives.
     *
     * @param element the pom element that names the registry: {@code <registry>}, {@code <base>}
     * @param plainHttpAllowed whether {@code <plainHttp>} may be suggested
     * @param trusting what the connection trusted
     * @param untrustedFix what to do when the certificate's CA is not trusted
     */
    public record Context(String element, boolean plainHttpAllowed, String trusting, String untrustedFix) {
    }

    /** @param registry {@code host[:port]} */
    public static UserFailure explain(String registry, Throwable failure, Context context) {
        String messages = messages(failure);
        String lower = messages.toLowerCase(Locale.ROOT);
        if (lower.contains("unsupported or unrecognized ssl message") || lower.contains("plaintext connection")) {
            return new UserFailure("The registry " + registry + " answered in plain text, not TLS: it speaks plain HTTP on"
                    + " that port. Give its HTTPS port in " + context.element() + (context.plainHttpAllowed()
                            ? ", or, only for a registry on a network you trust, set <plainHttp>true</plainHttp>"
                                    + " (-Dturret.registry.plainHttp=true)." : "."), failure);
        }
        if (lower.contains("no subject alternative") || lower.contains("no name matching")
                || lower.contains("doesn't match any of the subject alternative names")) {
            String host = host(registry);
            String names = names(messages).or(() -> probeNames(registry)).map(held -> "; it names " + held)
                    .orElse("");
            return new UserFailure("The registry " + registry + " has a certificate that does not name " + host + names
                    + ". Write the registry in " + context.element() + " by a name its certificate holds, or have its"
                    + " certificate made"
                    + " with " + host + " among its subject alternative names.", failure);
        }
        if (lower.contains("pkix path") || lower.contains("unable to find valid certification path")) {
            return new UserFailure("TLS with the registry " + registry + " failed: its certificate is signed by a CA that is"
                    + " not trusted here (trusting " + context.trusting() + "). " + context.untrustedFix(), failure);
        }
        return new UserFailure("TLS with the registry " + registry + " failed (" + firstMessage(failure) + "), trusting "
                + context.trusting() + ". " + context.untrustedFix(), failure);
    }

    /** Finds an {@link SSLException} among the causes of {@code failure}. */
    public static Optional<SSLException> among(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException ssl) {
                return Optional.of(ssl);
            }
        }
        return Optional.empty();
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static String firstMessage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        return Causes.describe(failure);
    }

    /** Apache's hostname verifier (under jib) lists the certificate's names in its message. */
    private static Optional<String> names(String messages) {
        Matcher names = APACHE_NAMES.matcher(messages);
        return names.find() ? Optional.of(names.group(1)) : Optional.empty();
    }

    /** The host of {@code host[:port]} (an IPv6 address without its brackets). */
    public static String host(String registry) {
        if (registry.startsWith("[")) {
            return registry.substring(1, registry.indexOf(']'));
        }
        int colon = registry.lastIndexOf(':');
        return colon < 0 ? registry : registry.substring(0, colon);
    }

    private static int port(String registry) {
        int colon = registry.lastIndexOf(':');
        return colon < 0 || registry.endsWith("]") ? 443 : Integer.parseInt(registry.substring(colon + 1));
    }

    /**
     * The names the registry's certificate holds, read in a handshake of its own. That handshake trusts
     * any certificate, which is safe only because nothing is sent on it: it is closed once the
     * certificate is read.
     */
    private static Optional<String> probeNames(String registry) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new ReadOnly()}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(host(registry), port(registry)), PROBE_TIMEOUT_MILLIS);
                socket.setSoTimeout(PROBE_TIMEOUT_MILLIS);
                socket.startHandshake();
                return Optional.of(names((X509Certificate) socket.getSession().getPeerCertificates()[0]));
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String names(X509Certificate certificate) throws CertificateParsingException {
        List<String> names = new ArrayList<>();
        if (certificate.getSubjectAlternativeNames() != null) {
            for (List<?> name : certificate.getSubjectAlternativeNames()) {
                int type = (Integer) name.get(0);
                if (type == 2) {
                    names.add("DNS:" + name.get(1));
                } else if (type == 7) {
                    names.add("IP:" + name.get(1));
                }
            }
        }
        return names.isEmpty() ? "no subject alternative name, only the subject " + certificate.getSubjectX500Principal()
                : String.join(", ", names);
    }

    /** Accepts any certificate: for {@link #probeNames}, which only reads it. */
    private static final class ReadOnly implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
