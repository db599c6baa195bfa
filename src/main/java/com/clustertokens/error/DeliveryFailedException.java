package com.clustertokens.error;

import java.util.List;

/** The report was built but at least one delivery sink failed; names every failed sink, so retry and DLQ see it. */
public final class DeliveryFailedException extends TokenFunctionException {

    public DeliveryFailedException(List<String> failedSinks, List<String> reasons) {
        super("Report delivery failed for " + String.join(", ", failedSinks) + ": " + String.join("; ", reasons)
                + ". The other sinks were served; the report's summary is in the function's log", true);
    }
}
