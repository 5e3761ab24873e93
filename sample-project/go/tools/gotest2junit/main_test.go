package main

// The files in testdata are real go test -json output of Go 1.19, standard error merged in
// (2>&1), for packages with tests that pass, fail, skip, have subtests, panic, time out
// (-timeout 1s), and for a package that does not compile and one without tests.

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// report is the XML read back, whichever its root element.
type report struct {
	XMLName xml.Name
	Suites  []reportSuite `xml:"testsuite"`
	reportSuite
}

type reportSuite struct {
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Cases    []reportCase `xml:"testcase"`
}

type reportCase struct {
	Classname string `xml:"classname,attr"`
	Name      string `xml:"name,attr"`
	Time      string `xml:"time,attr"`
	Failure   *struct {
		Message string `xml:"message,attr"`
		Text    string `xml:",chardata"`
	} `xml:"failure"`
	Skipped *struct {
		Message string `xml:"message,attr"`
	} `xml:"skipped"`
}

func convert(t *testing.T, json string) (report, string) {
	t.Helper()
	pkgs, err := parse(strings.NewReader(json), nil)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := writeXML(&out, suites(pkgs)); err != nil {
		t.Fatal(err)
	}
	var r report
	if err := xml.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("the report is not XML: %v\n%s", err, out.String())
	}
	return r, out.String()
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestOneSuitePerPackageWithTests(t *testing.T) {
	r, _ := convert(t, fixture(t, "mixed.json"))

	if r.XMLName.Local != "testsuites" {
		t.Errorf("root element = %s, want testsuites for several packages", r.XMLName.Local)
	}
	type counts struct {
		name                     string
		tests, failures, skipped int
	}
	var got []counts
	for _, s := range r.Suites {
		got = append(got, counts{s.Name, s.Tests, s.Failures, s.Skipped})
	}
	want := []counts{
		{"example.com/fixture/broken", 1, 1, 0},
		{"example.com/fixture/mixed", 6, 3, 1},
		{"example.com/fixture/panics", 2, 1, 0},
		{"example.com/fixture/passing", 1, 0, 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("suites = %v, want %v (no suite for a package without tests)", got, want)
	}
}

func TestTestCases(t *testing.T) {
	r, _ := convert(t, fixture(t, "mixed.json"))
	cases := make(map[string]reportCase)
	for _, s := range r.Suites {
		for _, c := range s.Cases {
			cases[c.Classname+" "+c.Name] = c
		}
	}

	pass := cases["example.com/fixture/mixed TestPass"]
	if pass.Failure != nil || pass.Skipped != nil || pass.Time == "" {
		t.Errorf("passed test = %+v", pass)
	}
	fail := cases["example.com/fixture/mixed TestFail"]
	if fail.Failure == nil || fail.Failure.Message != "mixed_test.go:8: got 1, want 2 <&>" ||
		!strings.Contains(fail.Failure.Text, "mixed_test.go:9: more detail\n--- FAIL: TestFail") {
		t.Errorf("failed test = %+v", fail.Failure)
	}
	if skip := cases["example.com/fixture/mixed TestSkip"]; skip.Skipped == nil || skip.Skipped.Message != "mixed_test.go:12: needs Redis" || skip.Failure != nil {
		t.Errorf("skipped test = %+v", skip)
	}
	if sub := cases["example.com/fixture/mixed TestSubtests/bad"]; sub.Failure == nil || !strings.Contains(sub.Failure.Text, "sub failed") {
		t.Errorf("failed subtest = %+v", sub)
	}
	if sub := cases["example.com/fixture/mixed TestSubtests/good"]; sub.Name == "" || sub.Failure != nil {
		t.Errorf("passed subtest = %+v", sub)
	}
	if p := cases["example.com/fixture/panics TestPanics"]; p.Failure == nil || !strings.Contains(p.Failure.Text, "assignment to entry in nil map") {
		t.Errorf("panicking test = %+v", p.Failure)
	}
	build := cases["example.com/fixture/broken "+packageCase]
	if build.Failure == nil || !strings.Contains(build.Failure.Text, "b_test.go:5:28: undefined: undefined") {
		t.Errorf("package that does not build = %+v", build.Failure)
	}
}

func TestASinglePackageIsTheDocument(t *testing.T) {
	r, text := convert(t, fixture(t, "passing.json"))

	if r.XMLName.Local != "testsuite" || r.Name != "example.com/fixture/passing" || r.Tests != 1 || r.Failures != 0 {
		t.Errorf("report = %+v", r)
	}
	if !strings.HasPrefix(text, `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Errorf("no XML declaration: %.60s", text)
	}
}

func TestATestThatDidNotFinishFailed(t *testing.T) {
	r, _ := convert(t, fixture(t, "timeout.json"))

	if len(r.Cases) != 1 || r.Cases[0].Failure == nil || r.Cases[0].Failure.Message != "did not finish" ||
		!strings.Contains(r.Cases[0].Failure.Text, "panic: test timed out after 1s") {
		t.Errorf("report = %+v", r)
	}
}

func TestCharactersXMLCannotHoldAreReplaced(t *testing.T) {
	json := `{"Action":"run","Package":"p","Test":"TestColour"}
{"Action":"output","Package":"p","Test":"TestColour","Output":"\u001b[31mred\u001b[0m\n"}
{"Action":"fail","Package":"p","Test":"TestColour","Elapsed":1.5}
{"Action":"fail","Package":"p","Elapsed":1.6}
`
	r, _ := convert(t, json)

	c := r.Cases[0]
	if c.Failure == nil || c.Failure.Text != "\uFFFD[31mred\uFFFD[0m\n" || c.Time != "1.500" || r.Time != "1.600" {
		t.Errorf("test case = %+v in %+v", c, r)
	}
}

func TestNoPackagesIsAnEmptyReport(t *testing.T) {
	r, _ := convert(t, "")

	if r.XMLName.Local != "testsuites" || len(r.Suites) != 0 {
		t.Errorf("report = %+v", r)
	}
}

func TestEchoIsGoTestsOutput(t *testing.T) {
	var echo bytes.Buffer
	if _, err := parse(strings.NewReader(fixture(t, "passing.json")), &echo); err != nil {
		t.Fatal(err)
	}

	want := "=== RUN   TestOK\n--- PASS: TestOK (0.00s)\nPASS\nok  \texample.com/fixture/passing\t0.013s\n"
	if echo.String() != want {
		t.Errorf("echo = %q, want %q", echo.String(), want)
	}
}

func TestRunWritesTheReportFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "TEST-go.xml")
	if err := run(filepath.Join("testdata", "passing.json"), out, false); err != nil {
		t.Fatal(err)
	}

	b, err := os.ReadFile(out)
	if err != nil || !bytes.Contains(b, []byte(`<testcase classname="example.com/fixture/passing" name="TestOK"`)) {
		t.Errorf("report file = %s, %v", b, err)
	}
}
