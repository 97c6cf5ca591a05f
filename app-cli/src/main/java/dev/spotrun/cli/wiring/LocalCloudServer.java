package dev.spotrun.cli.wiring;

import java.util.Map;

/** Starts the local cloud as a server for other tools ({@code spotrun local-cloud}). */
@FunctionalInterface
public interface LocalCloudServer {

    /** Starts it; the caller closes what is returned to stop it and remove its machines. */
    Running start();

    /** A started local cloud. */
    interface Running extends AutoCloseable {

        /** The variables that point an AWS SDK or the AWS CLI at it, in the order to print them. */
        Map<String, String> environment();

        /** Stops it and removes every machine it launched. */
        @Override
        void close();
    }
}
