# Context: target/bin.
FROM scratch
COPY worker /worker
USER 65532:65532
ENTRYPOINT ["/worker"]
