package io.patchbay.observability.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import io.patchbay.base.Plurals;
import io.patchbay.base.ui.Chart;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.observability.FailureDay;
import io.patchbay.observability.RunCharts;
import io.patchbay.observability.SupportConsole;
import io.patchbay.tenancy.TenantId;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The support console's failures per day by error class, for the tenant chosen in its filter or every customer: a
 * rise in one class (auth after a provider's change, rate limits after a customer's growth) shows at a glance.
 */
final class FailuresChart extends Div {

    static final int DAYS = 14;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final Map<ErrorClass, String> COLORS = Map.of(
            ErrorClass.AUTH, "#cf222e",
            ErrorClass.CONFIG, "#8250df",
            ErrorClass.RATE_LIMIT, "#9a6700",
            ErrorClass.TRANSIENT, "#0969da",
            ErrorClass.DATA, "#bf3989");

    private final SupportConsole console;
    private final Paragraph summary = new Paragraph();
    private final Chart chart = new Chart();
    private @Nullable TenantId tenant;

    FailuresChart(SupportConsole console) {
        this.console = console;
        addClassName("failures-chart");
        setWidthFull();
        add(summary, chart);
        refresh();
    }

    void show(@Nullable TenantId chosen) {
        tenant = chosen;
        refresh();
    }

    void refresh() {
        List<FailureDay> failures = console.failures(tenant, DAYS);
        List<LocalDate> days = RunCharts.window(DAYS);
        Map<ErrorClass, Map<LocalDate, Integer>> byClass = failures.stream()
                .collect(Collectors.groupingBy(
                        FailureDay::errorClass, Collectors.toMap(FailureDay::day, FailureDay::failures, Integer::sum)));
        List<Chart.Series> series = new ArrayList<>();
        for (ErrorClass errorClass : ErrorClass.values()) {
            Map<LocalDate, Integer> counts = byClass.getOrDefault(errorClass, Map.of());
            series.add(new Chart.Series(
                    errorClass.label(),
                    days.stream().map(day -> counts.getOrDefault(day, 0)).toList(),
                    COLORS.getOrDefault(errorClass, "#57606a")));
        }
        int total = failures.stream().mapToInt(FailureDay::failures).sum();
        String said = total == 0
                ? "No run failed in the last " + DAYS + " days."
                : Plurals.count(total, "run", "runs") + " failed in the last " + DAYS + " days: "
                        + byClass.entrySet().stream()
                                .sorted(Map.Entry.comparingByKey())
                                .map(entry -> entry.getKey().label() + " "
                                        + entry.getValue().values().stream()
                                                .mapToInt(Integer::intValue)
                                                .sum())
                                .collect(Collectors.joining(", "))
                        + ".";
        summary.setText(said);
        chart.bars(said, days.stream().map(DAY::format).toList(), series);
    }
}
