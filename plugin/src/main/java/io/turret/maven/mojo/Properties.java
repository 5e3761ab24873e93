package io.turret.maven.mojo;

/** The user properties Turret reads, in one place. */
final class Properties {
    static final String SKIP = "turret.skip";
    static final String BUILD_SKIP = "turret.build.skip";
    static final String THREADS = "turret.threads";
    static final String ASSEMBLE_SKIP = "turret.assemble.skip";
    static final String SUFFIX = "suffix";
    static final String FROM = "from";
    static final String PROMOTE_REGISTRY = "turret.promote.registry";
    static final String PROMOTE_REGISTRY_CA = "turret.promote.registryCa";
    static final String REGISTRY = "turret.registry";
    static final String NAMESPACE = "turret.namespace";
    static final String PULL = "turret.pull";
    static final String CACHE = "turret.cache";
    static final String REUSE_CACHE = "turret.reuseCache";
    static final String REUSE_CACHE_MAX_AGE_DAYS = "turret.reuseCache.maxAgeDays";
    static final String RERUN = "turret.rerun";
    static final String IT_SKIP = "turret.it.skip";
    static final String PUSH_SKIP = "turret.push.skip";
    static final String DEPLOY_FILES_SKIP = "turret.deployFiles.skip";
    static final String SERVER_ID = "turret.registry.serverId";
    static final String REGISTRY_CA = "turret.registry.ca";
    static final String REGISTRY_PLAIN_HTTP = "turret.registry.plainHttp";
    static final String REGISTRY_CHUNK_SIZE = "turret.registry.chunkSize";
    static final String KEEP = "turret.keep";
    static final String REAP_AFTER = "turret.reapAfter";
    static final String PLATFORMS = "turret.platforms";
    static final String TESTED_PLATFORMS = "turret.it.platforms";
    static final String SIGNING_KEY = "turret.signingKey";
    static final String SIGNING_KEY_SERVER_ID = "turret.signingKeyServerId";
    static final String VERIFY_KEY = "turret.verifyKey";
    /** The environment variable the signing key's passphrase comes from (a secret: never a property). */
    static final String SIGNING_PASSPHRASE_ENV = "TURRET_SIGNING_PASSPHRASE";

    private Properties() {
    }
}
