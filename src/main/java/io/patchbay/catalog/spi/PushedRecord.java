package io.patchbay.catalog.spi;

/**
 * A record pushed to a connection, at its place in the order the runtime reads them: the sequence number its message
 * was given when it was first read, then the record's position among that message's records.
 */
public record PushedRecord(Position position, SourceRecord record) {

    /** A place in a connection's staged records; a reader's checkpoint is the place of the last record it read. */
    public record Position(long sequence, long record) implements Comparable<Position> {

        /** Before every record. */
        public static final Position START = new Position(0, 0);

        @Override
        public int compareTo(Position other) {
            int bySequence = Long.compare(sequence, other.sequence);
            return bySequence != 0 ? bySequence : Long.compare(record, other.record);
        }
    }
}
