# A Go service the benchmark generates for its many-services scenario (release.sh's GENERATED): its static
# binary on scratch. Context: target/context/SERVICE (target/context/ARCH/SERVICE for one of several
# platforms), that binary alone, named service.
FROM scratch
COPY service /service
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["/service"]
