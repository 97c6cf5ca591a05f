package dev.spotrun.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.WaitResponse;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import java.util.List;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.AuthConfigurations;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.core.SSLConfig;
import java.net.URI;
import javax.net.ssl.SSLContext;

/**
 * docker-java's configuration for one engine, made from code only: unlike its default builder it reads no
 * environment variable, system property or {@code ~/.docker} file, and it pins no API version, so every
 * request goes to the daemon's own version. Every client shares one JSON mapper.
 */
record EngineConfig(URI dockerHost, SSLContext sslContext) implements DockerClientConfig {

    /**
     * docker-java's default hands each client (and each pull's credentials) a fresh copy of its mapper, and each
     * copy learns every type it reads or writes again: serializers made by reflection, run in the interpreter.
     * The mapper is not changed after it is made, so one copy serves every client of the process.
     */
    private static final ObjectMapper MAPPER = DockerClientConfig.getDefaultObjectMapper();

    @Override
    public ObjectMapper getObjectMapper() {
        return MAPPER;
    }

    /**
     * Makes the shared mapper work out, by reflection and in the interpreter, how it reads and writes what
     * every run's calls send and receive (a create, a pull's credentials and progress, a wait, an inspect), and
     * keep it: afterwards the calls find it done. No I/O.
     */
    static void prepareBindings() {
        for (Class<?> read : List.of(CreateContainerResponse.class, PullResponseItem.class, WaitResponse.class,
                InspectContainerResponse.class)) {
            MAPPER.readerFor(read);
        }
        for (Class<?> written : List.of(CreateContainerCmdImpl.class, AuthConfig.class)) {
            MAPPER.writerFor(written);
        }
    }

    @Override
    public URI getDockerHost() {
        return dockerHost;
    }

    @Override
    public RemoteApiVersion getApiVersion() {
        return RemoteApiVersion.unknown();
    }

    @Override
    public String getRegistryUsername() {
        return null;
    }

    @Override
    public String getRegistryPassword() {
        return null;
    }

    @Override
    public String getRegistryEmail() {
        return null;
    }

    @Override
    public String getRegistryUrl() {
        return null;
    }

    @Override
    public AuthConfig effectiveAuthConfig(String imageName) {
        // Credentials come with each pull, never from a configuration.
        return null;
    }

    @Override
    public AuthConfigurations getAuthConfigurations() {
        return new AuthConfigurations();
    }

    @Override
    public SSLConfig getSSLConfig() {
        return this::sslContext;
    }
}
