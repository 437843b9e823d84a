package dev.neuroinfo.ws.server.config;

/**
 * Where an operator's settings come from: the embedded launcher's flags and the environment, or a
 * WAR's context parameters and the environment.
 */
@FunctionalInterface
public interface SettingSource {
    /** What the operator gave for a setting, or null when nothing. */
    Given get(Setting setting);

    /**
     * A value as given.
     *
     * @param name the name it was given under (a flag, a variable, a context parameter), for messages
     * @param text the value; blank counts as not given
     */
    record Given(String name, String text) {
    }
}
