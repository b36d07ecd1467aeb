package io.patchbay.catalog;

import io.patchbay.base.ExplainedError;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Settings that do not satisfy the connector's schema; names every field that is wrong. */
public class InvalidSettingsException extends RuntimeException implements ExplainedError {

    private final List<SettingProblem> problems;

    public InvalidSettingsException(List<SettingProblem> problems) {
        super(problems.isEmpty() ? "Invalid settings" : problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public List<SettingProblem> problems() {
        return problems;
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }

    @Override
    public @Nullable String field() {
        return problems.isEmpty() ? null : problems.get(0).field();
    }
}
