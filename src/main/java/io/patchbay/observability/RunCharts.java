package io.patchbay.observability;

import io.patchbay.connection.ConnectionId;
import io.patchbay.observability.internal.RunDailyRepository;
import io.patchbay.tenancy.TenantId;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the charts show, from the daily roll-ups: a connection's runs and records per day, and failures per day by
 * error class (for the support console, which checks that its reader is the operator's staff).
 */
@Service
public class RunCharts {

    private final RunDailyRepository daily;
    private static final Clock CLOCK = Clock.systemUTC();

    RunCharts(RunDailyRepository daily) {
        this.daily = daily;
    }

    /** The connection's last {@code days} days, oldest first, every day present (a quiet day as zeros). */
    @Transactional(readOnly = true)
    public List<RunDay> days(ConnectionId connection, int days) {
        List<LocalDate> window = window(days);
        Map<LocalDate, RunDay> had = daily.days(connection, window.get(0)).stream()
                .collect(Collectors.toMap(RunDay::day, Function.identity()));
        return window.stream()
                .map(day -> had.getOrDefault(day, RunDay.empty(day)))
                .toList();
    }

    /** Failures per day and class over the last {@code days} days, of one tenant or (null) of every tenant. */
    @Transactional(readOnly = true)
    List<FailureDay> failures(@Nullable TenantId tenant, int days) {
        return daily.failures(tenant, window(days).get(0));
    }

    /** The last {@code days} days (UTC) up to today, oldest first: what every chart's axis shows. */
    public static List<LocalDate> window(int days) {
        LocalDate first = LocalDate.now(CLOCK).minusDays(days - 1L);
        return first.datesUntil(first.plusDays(days)).toList();
    }
}
