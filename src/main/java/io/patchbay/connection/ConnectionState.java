package io.patchbay.connection;

/** Where a connection is in its life. Only active connections run on schedule. */
public enum ConnectionState {
    /** Setup not finished; kept so the admin can come back to it. */
    DRAFT,
    ACTIVE,
    PAUSED
}
