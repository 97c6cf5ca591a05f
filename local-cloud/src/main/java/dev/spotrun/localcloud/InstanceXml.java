package dev.spotrun.localcloud;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Writes an instance as the {@code item} of an {@code instancesSet}, with the members EC2 sends. */
final class InstanceXml {

    private InstanceXml() {
    }

    static void write(Xml xml, FakeInstance instance, int launchIndex, String owner, Ec2Network network) {
        FakeInstance.Launch launch = instance.launch;
        xml.open("item").text("instanceId", instance.id).text("imageId", launch.imageId());
        writeState(xml, "instanceState", instance.state());
        writeNetwork(xml, instance, launchIndex);
        writeGroups(xml, launch.groupIds(), network);
        if (!instance.reasonCode().isEmpty()) {
            xml.open("stateReason").text("code", instance.reasonCode()).text("message", instance.reasonMessage())
                    .close("stateReason");
        }
        writeDisk(xml, instance);
        if (launch.spot()) {
            xml.text("instanceLifecycle", "spot").text("spotInstanceRequestId", instance.spotRequestId());
        }
        if (!launch.profile().isEmpty()) {
            xml.open("iamInstanceProfile").text("arn", profileArn(owner, launch.profile()))
                    .text("id", "AIPA" + instance.id.substring(2, 12).toUpperCase()).close("iamInstanceProfile");
        }
        xml.tags("tagSet", instance.tags())
                .open("metadataOptions").text("state", "applied").text("httpTokens", launch.httpTokens())
                .text("httpPutResponseHopLimit", 1).text("httpEndpoint", "enabled").close("metadataOptions")
                .close("item");
    }

    private static void writeNetwork(Xml xml, FakeInstance instance, int launchIndex) {
        FakeInstance.Launch launch = instance.launch;
        String privateIp = instance.privateAddress();
        xml.text("privateDnsName", privateIp == null ? "" : "ip-" + privateIp.replace('.', '-') + ".ec2.internal")
                .text("dnsName", "").text("reason", instance.reasonMessage())
                .text("amiLaunchIndex", launchIndex).text("instanceType", launch.instanceType())
                .text("launchTime", timestamp(launch.launchTime()))
                .open("placement").text("availabilityZone", launch.zone()).text("groupName", "")
                .text("tenancy", "default").close("placement")
                .open("monitoring").text("state", "disabled").close("monitoring")
                .text("subnetId", launch.subnetId()).text("vpcId", launch.vpcId())
                .text("privateIpAddress", privateIp).text("ipAddress", instance.publicAddress());
    }

    private static void writeDisk(Xml xml, FakeInstance instance) {
        FakeInstance.Launch launch = instance.launch;
        xml.text("architecture", launch.imageId().equals(LocalCloud.AL2023_ARM64_AMI) ? "arm64" : "x86_64")
                .text("rootDeviceType", "ebs").text("rootDeviceName", "/dev/xvda")
                .open("blockDeviceMapping").open("item").text("deviceName", "/dev/xvda").open("ebs")
                .text("volumeId", launch.volumeId()).text("status", instance.state().gone() ? "detaching" : "attached")
                .text("attachTime", timestamp(launch.launchTime())).text("deleteOnTermination", true)
                .close("ebs").close("item").close("blockDeviceMapping");
    }

    static void writeState(Xml xml, String element, FakeInstance.State state) {
        xml.open(element).text("code", state.code).text("name", state.label).close(element);
    }

    private static void writeGroups(Xml xml, List<String> groupIds, Ec2Network network) {
        xml.open("groupSet");
        for (String id : groupIds) {
            String name = network.groups().stream().filter(g -> g.id().equals(id)).map(Ec2Network.Group::name)
                    .findFirst().orElse("");
            xml.open("item").text("groupId", id).text("groupName", name).close("item");
        }
        xml.close("groupSet");
    }

    private static String profileArn(String owner, String profile) {
        return profile.startsWith("arn:") ? profile : "arn:aws:iam::" + owner + ":instance-profile/" + profile;
    }

    static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
