package dev.spotrun.localcloud;

/** The capacity errors of RunInstances, with the status and wording EC2 uses for each. */
final class CapacityErrors {

    private CapacityErrors() {
    }

    static CloudError of(String code, String type, String zone) {
        return switch (code) {
            // EC2 sends these as server errors (500), which SDKs retry unless told otherwise.
            case "InsufficientInstanceCapacity", "InsufficientCapacity", "InsufficientHostCapacity" ->
                    new CloudError(500, code, "We currently do not have sufficient " + type
                            + " capacity in the Availability Zone you requested (" + zone + "). Our system will be"
                            + " working on provisioning additional capacity.");
            case "SpotMaxPriceTooLow" -> CloudError.badRequest(code, "Your Spot request price is lower than the"
                    + " minimum required Spot request fulfillment price.");
            case "Unsupported" -> CloudError.badRequest(code, "Your requested instance type (" + type
                    + ") is not supported in your requested Availability Zone (" + zone + ").");
            case "MaxSpotInstanceCountExceeded" -> CloudError.badRequest(code,
                    "Max spot instance count exceeded");
            default -> CloudError.badRequest(code, "Cannot launch " + type + " in " + zone);
        };
    }
}
