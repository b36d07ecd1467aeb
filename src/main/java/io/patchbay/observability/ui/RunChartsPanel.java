package io.patchbay.observability.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import io.patchbay.base.ui.Chart;
import io.patchbay.connection.ConnectionId;
import io.patchbay.observability.RunCharts;
import io.patchbay.observability.RunDay;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** A connection's last two weeks: syncs per day by outcome, records per day, and the success rate in words. */
final class RunChartsPanel extends Div {

    static final int DAYS = 14;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private final RunCharts charts;
    private final ConnectionId connection;
    private final Paragraph summary = new Paragraph();
    private final Chart runs = new Chart();
    private final Chart records = new Chart();

    RunChartsPanel(RunCharts charts, ConnectionId connection) {
        this.charts = charts;
        this.connection = connection;
        addClassName("run-charts");
        summary.addClassName("run-charts-summary");
        var runsBox = new Div(new H3("Syncs per day"), runs);
        var recordsBox = new Div(new H3("Records per day"), records);
        runsBox.addClassName("chart-box");
        recordsBox.addClassName("chart-box");
        var boxes = new Div(runsBox, recordsBox);
        boxes.addClassName("chart-boxes");
        add(summary, boxes);
    }

    void refresh() {
        List<RunDay> days = charts.days(connection, DAYS);
        List<String> labels = days.stream().map(day -> DAY.format(day.day())).toList();
        int succeeded = days.stream().mapToInt(RunDay::succeeded).sum();
        int failed = days.stream().mapToInt(RunDay::failed).sum();
        long written = days.stream().mapToLong(RunDay::written).sum();
        long read = days.stream().mapToLong(RunDay::read).sum();
        String said = succeeded + failed == 0
                ? "No sync finished in the last " + DAYS + " days."
                : succeeded + failed == 1
                        ? String.format(
                                Locale.ROOT,
                                "The one sync in the last %d days %s; %,d records read, %,d written.",
                                DAYS,
                                succeeded == 1 ? "succeeded" : "failed",
                                read,
                                written)
                        : String.format(
                                Locale.ROOT,
                                "%d %% of %d syncs succeeded in the last %d days; %,d records read, %,d written.",
                                Math.round(100.0 * succeeded / (succeeded + failed)),
                                succeeded + failed,
                                DAYS,
                                read,
                                written);
        summary.setText(said);
        runs.bars(
                said,
                labels,
                List.of(
                        new Chart.Series(
                                "Succeeded",
                                days.stream().map(RunDay::succeeded).toList(),
                                "#1a7f37"),
                        new Chart.Series(
                                "Failed", days.stream().map(RunDay::failed).toList(), "#cf222e")));
        records.lines(
                String.format(
                        Locale.ROOT,
                        "Records per day over the last %d days: %,d read, %,d written.",
                        DAYS,
                        read,
                        written),
                labels,
                List.of(
                        new Chart.Series("Read", days.stream().map(RunDay::read).toList(), "#0969da"),
                        new Chart.Series(
                                "Written", days.stream().map(RunDay::written).toList(), "#1a7f37"),
                        new Chart.Series(
                                "Quarantined",
                                days.stream().map(RunDay::quarantined).toList(),
                                "#9a6700")));
    }
}
