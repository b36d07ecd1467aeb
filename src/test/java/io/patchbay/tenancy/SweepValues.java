package io.patchbay.tenancy;

import java.util.ArrayList;
import java.util.List;

/** What the sweep puts into the parameters of routes and endpoints: the owner's values, each with what it is. */
final class SweepValues {

    private SweepValues() {}

    /**
     * One value of the owner's.
     *
     * @param label what it is, for messages ("connection id (CSV upload)")
     * @param text the value as it goes into an address
     * @param addressesOwner whether it names one of the owner's objects (an id), so that a write carrying it must be
     *     refused; a value that is only a key (an email an upsert is keyed by) may create the caller's own record
     */
    record Value(String label, String text, boolean addressesOwner) {

        @Override
        public String toString() {
            return label + " " + text;
        }
    }

    static Value id(String label, Object value) {
        return new Value(label, String.valueOf(value), true);
    }

    static Value key(String label, Object value) {
        return new Value(label, String.valueOf(value), false);
    }

    /** Every way to pick one value from each list, in order. */
    static List<List<Value>> combinations(List<List<Value>> choices) {
        List<List<Value>> combinations = new ArrayList<>();
        combinations.add(List.of());
        for (List<Value> choice : choices) {
            List<List<Value>> longer = new ArrayList<>();
            for (List<Value> prefix : combinations) {
                for (Value value : choice) {
                    List<Value> next = new ArrayList<>(prefix);
                    next.add(value);
                    longer.add(next);
                }
            }
            combinations = longer;
        }
        return combinations;
    }
}
