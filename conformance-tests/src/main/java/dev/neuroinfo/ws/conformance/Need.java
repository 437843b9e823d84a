package dev.neuroinfo.ws.conformance;

/** What a case needs beyond {@code --http} and {@code --token}; a case whose need is unmet is skipped. */
public enum Need {
    TOKEN2("--token2"),
    UNLIMITED_TOKEN("--unlimited-token"),
    ADMIN_TOKEN("--admin-token"),
    PUBLISHER("--admin-token or --publish-command"),
    RATE_LIMIT_TOKEN("--rate-limit-token"),
    INBAND_AUTH("--inband-auth");

    private final String flag;

    Need(String flag) {
        this.flag = flag;
    }

    /** The flag that satisfies the need, for SKIP messages. */
    public String flag() {
        return flag;
    }

    /** Whether a configuration satisfies this need. */
    public boolean metBy(SuiteConfig config) {
        return switch (this) {
            case TOKEN2 -> config.token2() != null;
            case UNLIMITED_TOKEN -> config.unlimitedToken() != null;
            case ADMIN_TOKEN -> config.adminToken() != null;
            case PUBLISHER -> config.adminToken() != null || !config.publishCommand().isEmpty();
            case RATE_LIMIT_TOKEN -> config.rateLimitToken() != null;
            case INBAND_AUTH -> config.inbandAuth();
        };
    }
}
