package io.turret.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ProductionValuesTest {
    private final ProductionValues values = new ProductionValues(Set.of("redis", "api"));

    @Test
    void namesThatHoldASecretOrAPlaceAreVariables() {
        for (String name : new String[] {"DB_PASSWORD", "API_TOKEN", "client_secret", "SIGNING_KEY", "SMTP_HOST", "API_URL",
                "ETCD_ENDPOINTS", "ADVERTISE_ADDR", "DATABASE_DSN", "ENVIRONMENT"}) {
            assertTrue(values.differs(name, "x"), name);
        }
    }

    @Test
    void aValueNamingATestContainerAsAHostIsAVariable() {
        assertTrue(values.differs("REDIS_MASTER", "redis:6379"));
        assertTrue(values.differs("UPSTREAM", "http://api:8080/v1"));
        assertTrue(values.differs("PEERS", "a:1,redis:6379"));
        assertTrue(values.differs("CACHE", "redis"));
    }

    @Test
    void otherValuesAreCopied() {
        assertFalse(values.differs("DEPLOY_SUFFIX", "production"));
        assertFalse(values.differs("MODE", "redisplay"));
        assertFalse(values.differs("WORKERS", "4"));
    }
}
