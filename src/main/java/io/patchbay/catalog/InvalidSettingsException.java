package io.patchbay.catalog;

import java.util.List;

/** Settings that do not satisfy the connector's schema; names every field that is wrong. */
public class InvalidSettingsException extends RuntimeException {

    private final List<SettingProblem> problems;

    public InvalidSettingsException(List<SettingProblem> problems) {
        super(problems.isEmpty() ? "Invalid settings" : problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public List<SettingProblem> problems() {
        return problems;
    }
}
