package io.turret.evidence;

/** The passphrase of an encrypted signing key: a secret, never shown. */
public final class Passphrase {
    private final char[] value;

    public Passphrase(String value) {
        this.value = value.toCharArray();
    }

    char[] chars() {
        return value.clone();
    }

    @Override
    public String toString() {
        return "Passphrase[****]";
    }
}
