# The sample's api service as its pom.xml describes it: the static binary on scratch.
# Context: target/bin.
FROM scratch
COPY api /api
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["/api"]
