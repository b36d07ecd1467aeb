package io.patchbay.audit;

/** What an audited action did, as people read it: "reconnected the connection". */
public final class Actions {

    private Actions() {}

    public static String done(String action) {
        return switch (action) {
            case "connection.created" -> "started the setup";
            case "connection.activated" -> "activated the connection";
            case "connection.paused" -> "paused the connection";
            case "connection.resumed" -> "resumed the connection";
            case "connection.consented" -> "reconnected the connection";
            case "connection.details_changed" -> "changed the settings";
            case "connection.mapping_changed" -> "changed the mapping";
            case "connection.schedule_changed" -> "changed the schedule";
            case "connection.upgraded" -> "upgraded the connector";
            case "connection.template_upgraded" -> "upgraded the template";
            case "connection.quarantine_reprocessed" -> "asked for quarantined records to be reprocessed";
            case "connection.quarantine_discarded" -> "discarded quarantined records";
            case "connection.quarantine_edited" -> "fixed a quarantined record";
            case "connection.exception_requested" -> "asked for an exception";
            case "connection.exception_approved" -> "approved an exception";
            case "connection.exception_denied" -> "denied an exception";
            case "connection.fix_sent" -> "sent the admins the fix";
            case "connection.anomaly_pause_changed" -> "changed whether an anomaly pauses the connection";
            case "personal_data.revealed" -> "saw personal data unmasked";
            default -> action.substring(action.indexOf('.') + 1).replace('_', ' ');
        };
    }
}
