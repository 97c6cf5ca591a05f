package dev.spotrun.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageRefTest {

    @Test
    void aBareNameIsAnOfficialImageOnDockerHubAtLatest() {
        assertThat(ImageRef.parse("busybox")).isEqualTo(new ImageRef("docker.io", "library/busybox", "latest", ""));
    }

    @Test
    void aRegistryWithAPortAndATagAreKept() {
        ImageRef ref = ImageRef.parse("127.0.0.1:5000/team/job:v1.2");
        assertThat(ref.registry()).isEqualTo("127.0.0.1:5000");
        assertThat(ref.repository()).isEqualTo("team/job");
        assertThat(ref.tag()).isEqualTo("v1.2");
        assertThat(ref.canonical()).isEqualTo("127.0.0.1:5000/team/job:v1.2");
    }

    @Test
    void anEcrImageKeepsItsRegistry() {
        ImageRef ref = ImageRef.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/jobs/ingest:42");
        assertThat(ref.registry()).isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com");
        assertThat(ref.name()).isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com/jobs/ingest");
    }

    @Test
    void aDigestReferenceHasNoDefaultTag() {
        String digest = "sha256:" + "a".repeat(64);
        ImageRef ref = ImageRef.parse("busybox@" + digest);
        assertThat(ref.tag()).isEmpty();
        assertThat(ref.canonical()).isEqualTo("docker.io/library/busybox@" + digest);
    }
}
