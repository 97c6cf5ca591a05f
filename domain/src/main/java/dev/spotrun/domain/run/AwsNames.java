package dev.spotrun.domain.run;

import java.util.regex.Pattern;

/** The forms of the names and ids EC2 and IAM use, so that a typo is refused before a call is made. */
final class AwsNames {

    /**
     * A region of any partition. Checked against the regionRegex of every partition in the AWS SDK's
     * endpoints.json (aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc):
     * {@code eu-west-1}, {@code us-gov-west-1}, {@code us-isob-east-1}, {@code eu-isoe-west-1},
     * {@code eusc-de-east-1}.
     */
    static final String REGION_TEXT = "(?:[a-z]{2}(?:-gov|-iso[a-z]?)?|eusc-[a-z]{2})-[a-z]+-\\d{1,2}";
    static final Pattern REGION = Pattern.compile(REGION_TEXT);
    /**
     * A zone by name, the region and a letter ({@code eu-west-1a}) or a Local or Wavelength Zone
     * ({@code us-west-2-lax-1a}); or by id ({@code use1-az1}, {@code usw2-lax1-az1}).
     */
    static final Pattern ZONE = Pattern.compile("(?:" + REGION_TEXT + ")(?:[a-z]+|(?:-[a-z0-9]+)+)"
            + "|[a-z]{2,5}\\d{1,2}-(?:[a-z]{3}\\d{1,2}-)?az\\d{1,2}");
    /** EC2 ids: the prefix, then 8 (older resources) or 17 lowercase hex digits. */
    static final String HEX_ID = "-(?:[0-9a-f]{8}|[0-9a-f]{17})";
    static final Pattern SUBNET = Pattern.compile("subnet" + HEX_ID);
    static final Pattern AMI = Pattern.compile("ami" + HEX_ID);
    static final Pattern SECURITY_GROUP = Pattern.compile("sg" + HEX_ID);
    /** IAM's name rule for instance profiles: 1 to 128 of these characters. */
    private static final String IAM_NAME = "[\\w+=,.@-]{1,128}";
    /** A profile's name, or its ARN in any partition, with an optional path. */
    static final Pattern INSTANCE_PROFILE = Pattern.compile(IAM_NAME
            + "|arn:aws(?:-[a-z]+)*:iam::\\d{12}:instance-profile/(?:[\\w+=,.@-]+/)*" + IAM_NAME);
    /** FAMILY.SIZE, e.g. c6i.large, u-6tb1.metal. */
    static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z0-9][a-z0-9-]*\\.[a-z0-9-]+");

    private AwsNames() {
    }
}
