package dev.spotrun.cli;

import dev.spotrun.cli.config.Cloud;
import picocli.CommandLine.Option;

/** Which cloud, region and credentials profile; shared by {@code run} and {@code gc}. Null means "not given". */
final class CloudOptions {

    @Option(names = "--cloud", paramLabel = "aws|local", converter = Converters.CloudConverter.class,
            description = "Where machines come from: aws (default) or local (the local cloud, started in-process "
                    + "on the local Docker engine).")
    Cloud cloud;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region. Default: AWS_REGION, then the profile's region.")
    String region;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Named profile of the AWS config and credentials files. Default: AWS_PROFILE, then "
                    + "the default credential chain.")
    String profile;
}
