package io.patchbay.base.ui;

import com.vaadin.flow.data.provider.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A lazy grid's rows read by keyset: the cursor after each page fetched is kept by the offset it ends at, so that
 * scrolling on costs an index seek, never an OFFSET over everything before. A jump to an offset with no cursor (rare:
 * the grid asks for pages in order) reads on from the nearest cursor before it. {@link #reset()} on refresh.
 *
 * @param <T> a row
 * @param <C> the position after a row
 */
public final class KeysetPages<T, C> {

    /** Reads up to {@code limit} rows after {@code cursor} (null: from the first). */
    @FunctionalInterface
    public interface Reader<T, C> {
        List<T> read(@Nullable C after, int limit);
    }

    private final Reader<T, C> reader;
    private final Function<T, C> cursorOf;
    private final TreeMap<Integer, C> cursors = new TreeMap<>();

    public KeysetPages(Reader<T, C> reader, Function<T, C> cursorOf) {
        this.reader = reader;
        this.cursorOf = cursorOf;
    }

    public Stream<T> fetch(Query<T, ?> query) {
        return fetch(query.getOffset(), query.getLimit()).stream();
    }

    public List<T> fetch(int offset, int limit) {
        Map.Entry<Integer, C> from = cursors.floorEntry(offset);
        int start = from == null ? 0 : from.getKey();
        C after = from == null ? null : from.getValue();
        List<T> rows = new ArrayList<>();
        int position = start;
        while (position < offset + limit) {
            int want = position < offset ? offset - position : offset + limit - position;
            List<T> page = reader.read(after, want);
            if (page.isEmpty()) {
                break;
            }
            position += page.size();
            after = cursorOf.apply(page.get(page.size() - 1));
            cursors.put(position, after);
            if (position > offset) {
                rows.addAll(page.subList(Math.max(0, page.size() - (position - offset)), page.size()));
            }
            if (page.size() < want) {
                break;
            }
        }
        return rows;
    }

    public void reset() {
        cursors.clear();
    }
}
