package io.patchbay.mapping;

import java.text.NumberFormat;
import java.util.Locale;

/** An evaluation of a mapping went past its {@link MappingBudget}: said in words a person can act on. */
public class MappingBudgetExceededException extends RuntimeException {

    /** Which limit was reached. */
    public enum Limit {
        STEPS,
        TIME,
        DEPTH
    }

    private final Limit limit;

    public MappingBudgetExceededException(Limit limit, MappingBudget budget, String what) {
        super("The mapping was stopped on this record: " + what + " (" + allowed(limit, budget) + "). "
                + "A function that calls itself, or a loop inside a loop, multiplies the work: simplify the mapping.");
        this.limit = limit;
    }

    public Limit limit() {
        return limit;
    }

    private static String allowed(Limit limit, MappingBudget budget) {
        return switch (limit) {
            case STEPS -> NumberFormat.getIntegerInstance(Locale.ENGLISH).format(budget.steps()) + " steps a record";
            case TIME -> budget.time().toMillis() + " ms a record";
            case DEPTH -> budget.depth() + " calls deep";
        };
    }
}
