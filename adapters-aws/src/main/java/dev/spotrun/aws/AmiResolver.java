package dev.spotrun.aws;

import dev.spotrun.domain.failure.CloudRejected.Subject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The image to boot: the one given, or the latest Amazon Linux 2023 of the instance type's architecture, read
 * from the public SSM parameter AWS keeps up to date, so that no custom image is needed.
 */
final class AmiResolver {

    static final String PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-";
    /** Graviton families: a generation digit followed by 'g' (m7g, c6gn, t4g, x2gd, g5g), and a1. */
    private static final Pattern ARM_FAMILY = Pattern.compile("(a1|[a-z]+\\d+g[a-z-]*)");

    private final SsmClient ssm;
    private final Map<String, String> byArchitecture = new ConcurrentHashMap<>();

    AmiResolver(SsmClient ssm) {
        this.ssm = ssm;
    }

    String imageFor(String givenImage, String instanceType) {
        if (!givenImage.isEmpty()) {
            return givenImage;
        }
        return byArchitecture.computeIfAbsent(architecture(instanceType), this::latest);
    }

    static String architecture(String instanceType) {
        String family = instanceType.contains(".") ? instanceType.substring(0, instanceType.indexOf('.')) : instanceType;
        return ARM_FAMILY.matcher(family).matches() ? "arm64" : "x86_64";
    }

    private String latest(String architecture) {
        String name = PARAMETER + architecture;
        try {
            return ssm.getParameter(r -> r.name(name)).parameter().value();
        } catch (SdkException e) {
            // Refused credentials stay a credentials matter; any other refusal is about finding the image.
            throw Ec2Errors.translate("reading the latest Amazon Linux 2023 image id from SSM parameter " + name, e,
                    subject -> subject == Subject.CREDENTIALS ? subject : Subject.IMAGE);
        }
    }
}
