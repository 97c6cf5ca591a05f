package dev.spotrun.cli.wiring;

import java.util.List;
import java.util.Map;

/** Starts the local cloud as a server for other tools ({@code spotrun local-cloud}). */
@FunctionalInterface
public interface LocalCloudServer {

    /**
     * Starts it with these faults in force from its first request; the caller closes what is returned to stop
     * it and remove its machines.
     *
     * @param faults fault specs, each already checked by {@code FaultSpec.parse}
     */
    Running start(List<String> faults);

    /** A started local cloud. */
    interface Running extends AutoCloseable {

        /** The variables that point an AWS SDK, the AWS CLI, docker and spotrun at it, in the order to print them. */
        Map<String, String> environment();

        /** What it did at its start that the user should know, e.g. the leftovers of killed local clouds it removed. */
        default List<String> notes() {
            return List.of();
        }

        /** Stops it and removes every machine it launched. */
        @Override
        void close();
    }
}
