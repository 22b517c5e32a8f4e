package dev.flywheel.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.deploy.Repo;
import dev.flywheel.deploy.ToolUseProbeTarget;
import dev.flywheel.deploy.services.ServiceCatalog;
import dev.flywheel.deploy.services.ServiceFacts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;

/** Each service's pods as the overlays deploy them: probes, ports, resources, lock-down. */
class OverlayWorkloadsTest {

    @Test
    void everyOverlayFolderIsChecked() throws IOException {
        try (Stream<Path> overlays = Files.list(Repo.file("k8s/overlays"))) {
            assertThat(overlays.map(p -> p.getFileName().toString()))
                    .as("a new overlay must be added to @EveryOverlay")
                    .containsExactlyInAnyOrder(EveryOverlay.class.getAnnotation(ValueSource.class).strings());
        }
    }

    @EveryOverlay
    void probesHitTheHealthPathsAndPortEachServiceIsConfiguredWith(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (ServiceFacts service : ServiceCatalog.all()) {
            Container container = rendered.workload(service.name()).container(service.name());

            assertProbe(container, container.getLivenessProbe(), service.livenessPath(), service.port());
            assertProbe(container, container.getReadinessProbe(), service.readinessPath(), service.port());
            assertProbe(container, container.getStartupProbe(), service.startupPath(), service.port());
            assertThat(container.getPorts()).extracting(ContainerPort::getContainerPort).contains(service.port());
        }
    }

    @EveryOverlay
    void everyContainerRequestsAndIsLimitedInCpuAndMemory(String overlay) {
        for (Workload workload : RenderedOverlay.of(overlay).workloads()) {
            for (Container container : workload.allContainers()) {
                var resources = container.getResources();
                for (String resource : new String[] {"cpu", "memory"}) {
                    Quantity request = resources.getRequests().get(resource);
                    Quantity limit = resources.getLimits().get(resource);
                    String what = workload.name() + "/" + container.getName() + " " + resource;
                    assertThat(request).as(what + " request").isNotNull();
                    assertThat(limit).as(what + " limit").isNotNull();
                    assertThat(request.getNumericalAmount()).as(what + " request within limit")
                            .isLessThanOrEqualTo(limit.getNumericalAmount());
                }
            }
        }
    }

    @EveryOverlay
    void everyPodRunsAsNonRootWithAReadOnlyRootAndNoPrivileges(String overlay) {
        for (Workload workload : RenderedOverlay.of(overlay).workloads()) {
            PodSecurityContext pod = workload.pod().getSecurityContext();
            assertThat(pod).as(workload.name() + " pod security context").isNotNull();
            assertThat(pod.getRunAsNonRoot()).as(workload.name() + " runAsNonRoot").isTrue();
            assertThat(pod.getRunAsUser()).as(workload.name() + " runAsUser").isNotNull().isNotZero();
            assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(workload.pod().getHostNetwork()).as(workload.name() + " hostNetwork").isNotEqualTo(Boolean.TRUE);
            for (Container container : workload.allContainers()) {
                SecurityContext own = container.getSecurityContext();
                String what = workload.name() + "/" + container.getName();
                assertThat(own.getAllowPrivilegeEscalation()).as(what + " allowPrivilegeEscalation").isFalse();
                assertThat(own.getReadOnlyRootFilesystem()).as(what + " readOnlyRootFilesystem").isTrue();
                assertThat(own.getCapabilities().getDrop()).as(what + " dropped capabilities").containsExactly("ALL");
                assertThat(own.getPrivileged()).as(what + " privileged").isNotEqualTo(Boolean.TRUE);
                assertThat(container.getPorts()).as(what + " host ports").allSatisfy(p -> assertThat(p.getHostPort()).isNull());
            }
        }
    }

    @EveryOverlay
    void servicesWriteOnlyToTheirTmpVolume(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (ServiceFacts service : ServiceCatalog.all()) {
            Workload workload = rendered.workload(service.name());
            assertThat(workload.container(service.name()).getVolumeMounts())
                    .as(service.name() + ": the JVM and Vert.x need a writable /tmp on a read-only root")
                    .extracting(VolumeMount::getMountPath).containsExactly("/tmp");
            assertThat(workload.pod().getVolumes()).as(service.name() + " volumes")
                    .allSatisfy(v -> assertThat(v.getEmptyDir()).as(v.getName() + " is an emptyDir").isNotNull());
        }
    }

    @EveryOverlay
    void onlyVerifyServiceCarriesAKubernetesApiToken(String overlay) {
        for (Workload workload : RenderedOverlay.of(overlay).workloads()) {
            if (workload.name().equals("verify-service")) {
                assertThat(workload.pod().getServiceAccountName()).isEqualTo("verify-service");
                assertThat(workload.pod().getAutomountServiceAccountToken()).isNotEqualTo(Boolean.FALSE);
            } else {
                assertThat(workload.pod().getAutomountServiceAccountToken()).as(workload.name() + " token").isFalse();
            }
        }
    }

    @EveryOverlay
    void imagesArePinnedToAVersion(String overlay) {
        for (Workload workload : RenderedOverlay.of(overlay).workloads()) {
            for (Container container : workload.allContainers()) {
                String image = container.getImage();
                String tag = image.substring(image.lastIndexOf('/') + 1);
                assertThat(tag).as(workload.name() + " image " + image).contains(":").doesNotEndWith(":latest");
            }
        }
    }

    @EveryOverlay
    void eachServiceIsReachedThroughAServiceOnItsConfiguredPort(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (ServiceFacts facts : ServiceCatalog.all()) {
            Service service = rendered.one(Service.class, facts.name());
            Workload workload = rendered.workload(facts.name());

            assertThat(workload.podLabels()).as(facts.name() + " pods carry the Service's selector")
                    .containsAllEntriesOf(service.getSpec().getSelector());
            assertThat(service.getSpec().getPorts()).hasSize(1);
            ServicePort port = service.getSpec().getPorts().get(0);
            assertThat(port.getPort()).as(facts.name() + " Service port").isEqualTo(facts.port());
            assertThat(containerPort(workload.container(facts.name()), port.getTargetPort()))
                    .as(facts.name() + " Service targetPort").isEqualTo(facts.port());
        }
    }

    @EveryOverlay
    void everyPeerUrlNamesTheServiceAndPortOfThatPeer(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        var services = ServiceCatalog.byName();
        for (ServiceFacts caller : ServiceCatalog.all()) {
            var environment = new ContainerEnvironment(rendered, rendered.workload(caller.name()).container(caller.name()));
            for (ServiceFacts peer : services.values()) {
                environment.literal(peer.urlVariable()).ifPresent(url -> assertThat(url)
                        .as(caller.name() + " " + peer.urlVariable())
                        .isEqualTo("http://" + peer.name() + ":" + peer.port()));
            }
        }
        var gateway = new ContainerEnvironment(rendered, rendered.workload("gateway").container("gateway"));
        assertThat(services.values()).filteredOn(s -> !s.name().equals("gateway"))
                .allSatisfy(peer -> assertThat(gateway.literal(peer.urlVariable()))
                        .as("the gateway routes to " + peer.name()).isPresent());
    }

    @EveryOverlay
    void verifyServiceAllowsTheHostTheToolUseProbeAsksItToCheck(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        var verify = new ContainerEnvironment(rendered, rendered.workload("verify-service").container("verify-service"));
        var selftest = new ContainerEnvironment(rendered, rendered.workload("selftest-service").container("selftest-service"));

        assertThat(verify.defines(ToolUseProbeTarget.ALLOWED_HOSTS)).isFalse();
        assertThat(ToolUseProbeTarget.peerHosts(verify::literal))
                .contains(ToolUseProbeTarget.probedHost(selftest::literal));
    }

    @EveryOverlay
    void everyPeerUrlAServiceReadsIsSetInItsContainer(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (ServiceFacts service : ServiceCatalog.all()) {
            var environment = new ContainerEnvironment(rendered, rendered.workload(service.name()).container(service.name()));
            assertThat(service.urlVariablesRead())
                    .as(service.name() + " would fall back to 127.0.0.1, itself, for")
                    .allSatisfy(variable -> assertThat(environment.defines(variable)).as(variable).isTrue());
        }
    }

    @EveryOverlay
    void eachServiceWithASchemaLogsInWithCredentialsOfItsOwn(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        var secretsSeen = new java.util.HashSet<String>();
        for (ServiceFacts service : ServiceCatalog.all()) {
            var environment = new ContainerEnvironment(rendered, rendered.workload(service.name()).container(service.name()));
            assertThat(environment.defines("QUARKUS_REDIS_HOSTS")).as(service.name() + " Redis").isTrue();
            if (service.schema().isEmpty()) {
                assertThat(environment.defines("QUARKUS_DATASOURCE_REACTIVE_URL")).as(service.name() + " has no database").isFalse();
                continue;
            }
            assertThat(environment.defines("QUARKUS_DATASOURCE_REACTIVE_URL")).as(service.name() + " database URL").isTrue();
            var username = environment.secret("QUARKUS_DATASOURCE_USERNAME").orElseThrow(
                    () -> new AssertionError(service.name() + " takes its database user from no Secret"));
            var password = environment.secret("QUARKUS_DATASOURCE_PASSWORD").orElseThrow(
                    () -> new AssertionError(service.name() + " takes its database password from no Secret"));
            assertThat(password.getName()).as(service.name() + " user and password travel together").isEqualTo(username.getName());
            assertThat(secretsSeen.add(username.getName())).as(service.name() + " shares credentials " + username.getName()).isTrue();
        }
        assertThat(new ContainerEnvironment(rendered, rendered.workload("gateway").container("gateway"))
                .secret("GATEWAY_API_KEYS")).as("the gateway's API keys come from a Secret").isPresent();
    }

    private static void assertProbe(Container container, Probe probe, String path, int port) {
        assertThat(probe).as(container.getName() + " probe for " + path).isNotNull();
        assertThat(probe.getHttpGet()).as(container.getName() + " probe for " + path + " is an HTTP GET").isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(container.getName() + " probe path").isEqualTo(path);
        assertThat(containerPort(container, probe.getHttpGet().getPort())).as(container.getName() + " probe port for " + path)
                .isEqualTo(port);
    }

    /** A port given by name refers to the container's port of that name. */
    static int containerPort(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream()
                .filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + port.getStrVal()));
    }
}
