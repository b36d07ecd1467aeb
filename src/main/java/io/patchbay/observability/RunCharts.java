package io.patchbay.observability;

import io.patchbay.connection.ConnectionId;
import io.patchbay.observability.internal.RunDailyRepository;
import io.patchbay.tenancy.TenantId;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
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
    private final Clock clock = Clock.systemUTC();

    RunCharts(RunDailyRepository daily) {
        this.daily = daily;
    }

    /** The connection's last {@code days} days, oldest first, every day present (a quiet day as zeros). */
    @Transactional(readOnly = true)
    public List<RunDay> days(ConnectionId connection, int days) {
        LocalDate today = LocalDate.now(clock);
        LocalDate first = today.minusDays(days - 1L);
        Map<LocalDate, RunDay> had =
                daily.days(connection, first).stream().collect(Collectors.toMap(RunDay::day, Function.identity()));
        List<RunDay> all = new ArrayList<>(days);
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            all.add(had.getOrDefault(day, RunDay.empty(day)));
        }
        return all;
    }

    /** Failures per day and class over the last {@code days} days, of one tenant or (null) of every tenant. */
    @Transactional(readOnly = true)
    List<FailureDay> failures(@Nullable TenantId tenant, int days) {
        return daily.failures(tenant, LocalDate.now(clock).minusDays(days - 1L));
    }

    /** The first day of a window of {@code days} ending today. */
    public LocalDate firstDay(int days) {
        return LocalDate.now(clock).minusDays(days - 1L);
    }
}
