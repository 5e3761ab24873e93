// Command gotest2junit converts the output of go test -json into a Surefire (JUnit) XML
// report, the form Maven and Jenkins read: a <testsuite> per Go package, a <testcase> per
// test (subtests included, named like "TestX/sub"), with the test's output in <failure>
// when it failed, and <skipped/> when it was skipped.
//
// Usage:
//
//	go test -json ./... > test.json
//	gotest2junit [-o report.xml] [-print] [test.json]
//
// It reads standard input when no file is named, and writes the XML to standard output
// unless -o names a file. It exits non-zero only when it cannot convert: whether the
// tests passed is go test's exit status, and the report's.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	out := flag.String("o", "", "write the report to `file` instead of standard output")
	echo := flag.Bool("print", false, "also print the tests' output, as go test -v shows it, on standard output (needs -o)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: gotest2junit [-o report.xml] [-print] [test.json]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 1 || (*echo && *out == "") {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *out, *echo); err != nil {
		fmt.Fprintln(os.Stderr, "gotest2junit:", err)
		os.Exit(1)
	}
}

func run(in, out string, echoOutput bool) error {
	r := io.Reader(os.Stdin)
	if in != "" {
		f, err := os.Open(in)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	var echo io.Writer
	if echoOutput {
		echo = os.Stdout
	}
	pkgs, err := parse(r, echo)
	if err != nil {
		return err
	}
	ss := suites(pkgs)
	// Written whole at the end, so a failed conversion leaves no half report.
	var report bytes.Buffer
	if err := writeXML(&report, ss); err != nil {
		return err
	}
	if out == "" {
		_, err = os.Stdout.Write(report.Bytes())
		return err
	}
	if err := os.WriteFile(out, report.Bytes(), 0o644); err != nil {
		return err
	}
	tests, failures, skipped := 0, 0, 0
	for _, s := range ss {
		tests, failures, skipped = tests+s.Tests, failures+s.Failures, skipped+s.Skipped
	}
	fmt.Fprintf(os.Stderr, "gotest2junit: wrote %s: %d tests, %d failed, %d skipped\n", out, tests, failures, skipped)
	return nil
}
