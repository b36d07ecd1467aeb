package io.patchbay.observability.internal;

/**
 * How one attempt at a delivery went.
 *
 * @param detail what the other end said (an SMTP or HTTP answer), or why it was not tried
 */
record AlertOutcome(Result result, String detail) {

    enum Result {
        SENT,
        /** Worth trying again later: the other end was away, busy or failing. */
        RETRY,
        /** Refused in a way another try would not change: a refused address, a URL the egress guard closes. */
        GIVE_UP
    }

    static AlertOutcome sent(String detail) {
        return new AlertOutcome(Result.SENT, detail);
    }

    static AlertOutcome retry(String detail) {
        return new AlertOutcome(Result.RETRY, detail);
    }

    static AlertOutcome giveUp(String detail) {
        return new AlertOutcome(Result.GIVE_UP, detail);
    }
}
