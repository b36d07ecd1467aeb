package io.patchbay.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.impl.DotExpression;
import com.schibsted.spt.data.jslt.impl.ExpressionNode;
import com.schibsted.spt.data.jslt.impl.FunctionDeclaration;
import com.schibsted.spt.data.jslt.impl.PreparationContext;
import com.schibsted.spt.data.jslt.impl.Scope;
import io.patchbay.mapping.MappingBudget;
import io.patchbay.mapping.MappingBudgetExceededException;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * A compiled JSLT expression that evaluates on a budget. JSLT has no limits of its own: a recursive function or
 * nested loops over a record's arrays can hold a thread for seconds per record. So, once compiled, every node of the
 * expression's tree is wrapped in one that counts a step (and now and then reads the clock), and every declared
 * function's body in one that counts how deep calls go; past either limit the evaluation ends with
 * {@link MappingBudgetExceededException}; an evaluation whose thread is interrupted ends with a
 * {@link CancellationException}. The tree is reached through JSLT's own node fields
 * ({@code com.schibsted.spt.data.jslt.impl}); {@code MappingBudgetTest} fails if an upgrade changes them.
 *
 * @see <a href="../../../../../../../docs/adr/0023-mappings-run-on-a-budget.md">ADR 23</a>
 */
public final class Metering {

    /** How many steps go by between two looks at the clock. */
    private static final int CLOCK_EVERY = 1 << 10;

    private static final ThreadLocal<@Nullable Meter> CURRENT = new ThreadLocal<>();

    private Metering() {}

    /** Wraps the expression's tree in place; returns it for chaining. */
    public static Expression meter(Expression compiled) {
        new Wrapper().visit(compiled);
        return compiled;
    }

    /**
     * Evaluates {@code compiled} (made by {@link #meter}) on {@code budget}.
     *
     * @throws MappingBudgetExceededException when the evaluation goes past a limit
     */
    public static JsonNode apply(Expression compiled, JsonNode input, MappingBudget budget) {
        Meter outer = CURRENT.get();
        CURRENT.set(new Meter(budget));
        try {
            return compiled.apply(input);
        } catch (StackOverflowError e) {
            throw new MappingBudgetExceededException(
                    MappingBudgetExceededException.Limit.DEPTH, budget, "it called itself too deep for the stack");
        } finally {
            CURRENT.set(outer);
        }
    }

    /** One evaluation's count of steps, its deadline and how deep its function calls are. */
    private static final class Meter {
        private final MappingBudget budget;
        private final long deadline;
        private long steps;
        private int depth;

        Meter(MappingBudget budget) {
            this.budget = budget;
            this.deadline = System.nanoTime() + budget.time().toNanos();
        }

        void step() {
            if (++steps > budget.steps()) {
                throw new MappingBudgetExceededException(
                        MappingBudgetExceededException.Limit.STEPS, budget, "it took more than its steps");
            }
            if ((steps & (CLOCK_EVERY - 1)) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new MappingBudgetExceededException(
                            MappingBudgetExceededException.Limit.TIME, budget, "it took longer than its time");
                }
                if (Thread.currentThread().isInterrupted()) {
                    // whoever asked no longer wants the answer (a preview replaced by the next keystroke)
                    throw new CancellationException("The evaluation was cancelled");
                }
            }
        }

        void enter() {
            if (++depth > budget.depth()) {
                throw new MappingBudgetExceededException(
                        MappingBudgetExceededException.Limit.DEPTH, budget, "its functions called each other too deep");
            }
        }

        void leave() {
            depth--;
        }
    }

    private static Meter current() {
        Meter meter = CURRENT.get();
        if (meter == null) {
            throw new IllegalStateException("A metered mapping is evaluated through Metering.apply only");
        }
        return meter;
    }

    /** A node that counts a step, then does what the node it wraps does. */
    private static class Step implements ExpressionNode {
        final ExpressionNode node;

        Step(ExpressionNode node) {
            this.node = node;
        }

        @Override
        public JsonNode apply(Scope scope, JsonNode input) {
            current().step();
            return node.apply(scope, input);
        }

        @Override
        public void dump(int level) {
            node.dump(level);
        }

        @Override
        public void computeMatchContexts(DotExpression parent) {
            node.computeMatchContexts(parent);
        }

        @Override
        public void prepare(PreparationContext ctx) {
            node.prepare(ctx);
        }

        @Override
        public ExpressionNode optimize() {
            return this;
        }

        @Override
        public List<ExpressionNode> getChildren() {
            return node.getChildren();
        }

        @Override
        public String toString() {
            return node.toString();
        }
    }

    /** A declared function's body: a call one level deeper for as long as it runs. */
    private static final class Call extends Step {
        Call(ExpressionNode body) {
            super(body);
        }

        @Override
        public JsonNode apply(Scope scope, JsonNode input) {
            Meter meter = current();
            meter.enter();
            try {
                meter.step();
                return node.apply(scope, input);
            } finally {
                meter.leave();
            }
        }
    }

    /** Walks the compiled tree once, wrapping each node where a field or array slot holds it. */
    private static final class Wrapper {
        private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

        void visit(@Nullable Object node) {
            if (node == null || node instanceof Step || !seen.add(node) || !isJslt(node.getClass())) {
                return;
            }
            for (Class<?> type = node.getClass(); type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers())) {
                        visitField(node, field);
                    }
                }
            }
        }

        private void visitField(Object node, Field field) {
            Class<?> type = field.getType();
            boolean holdsNode = type == ExpressionNode.class;
            boolean mayLead = holdsNode
                    || ExpressionNode.class.isAssignableFrom(type)
                    || com.schibsted.spt.data.jslt.Function.class.isAssignableFrom(type)
                    || Map.class.isAssignableFrom(type)
                    || (type.isArray() && !type.getComponentType().isPrimitive());
            if (!mayLead) {
                return;
            }
            field.setAccessible(true);
            Object value = read(field, node);
            if (value == null) {
                return;
            }
            if (holdsNode) {
                visit(value);
                write(field, node, wrap(node, (ExpressionNode) value));
            } else if (value instanceof Map<?, ?> map) {
                map.values().forEach(this::visit);
            } else if (type.isArray()) {
                boolean slotsHoldNodes = type.getComponentType() == ExpressionNode.class;
                for (int i = 0; i < Array.getLength(value); i++) {
                    Object element = Array.get(value, i);
                    visit(element);
                    if (slotsHoldNodes && element != null) {
                        Array.set(value, i, wrap(node, (ExpressionNode) element));
                    }
                }
            } else {
                visit(value);
            }
        }

        private static ExpressionNode wrap(Object owner, ExpressionNode node) {
            if (node instanceof Step) {
                return node;
            }
            return owner instanceof FunctionDeclaration ? new Call(node) : new Step(node);
        }

        private static boolean isJslt(Class<?> type) {
            return type.getName().startsWith("com.schibsted.spt.data.jslt.");
        }

        private static @Nullable Object read(Field field, Object node) {
            try {
                return field.get(node);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Cannot read JSLT's " + field, e);
            }
        }

        private static void write(Field field, Object node, Object value) {
            try {
                field.set(node, value);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Cannot meter JSLT's " + field, e);
            }
        }
    }
}
