// Package breaking finds changes between two versions of a set of .proto
// files that break existing clients: on the wire (binary), in JSON, or in
// generated code.
//
// It covers the rules of buf's FILE category that matter for versioned
// contracts like proto/<domain>/v1: removed or renamed files, packages,
// messages, fields, enums, enum values, services and methods; changed field
// numbers, types and cardinality; and changed method signatures. Removing a
// field or enum value is allowed when its number is reserved.
package breaking

import (
	"fmt"
	"slices"
	"sort"

	"google.golang.org/protobuf/types/descriptorpb"
)

// Compare returns one finding per breaking change from old to new, sorted.
// Only files present in old are checked; new files cannot break anything.
func Compare(old, new *descriptorpb.FileDescriptorSet) []string {
	c := &checker{}
	newFiles := map[string]*descriptorpb.FileDescriptorProto{}
	for _, f := range new.GetFile() {
		newFiles[f.GetName()] = f
	}
	for _, of := range old.GetFile() {
		nf, ok := newFiles[of.GetName()]
		if !ok {
			c.report(of.GetName(), "file removed")
			continue
		}
		c.file(of, nf)
	}
	sort.Strings(c.findings)
	return c.findings
}

type checker struct{ findings []string }

func (c *checker) report(where, format string, args ...any) {
	c.findings = append(c.findings, where+": "+fmt.Sprintf(format, args...))
}

func (c *checker) file(of, nf *descriptorpb.FileDescriptorProto) {
	where := of.GetName()
	if of.GetPackage() != nf.GetPackage() {
		c.report(where, "package changed from %q to %q", of.GetPackage(), nf.GetPackage())
	}
	if og, ng := of.GetOptions().GetGoPackage(), nf.GetOptions().GetGoPackage(); og != ng {
		c.report(where, "go_package changed from %q to %q", og, ng)
	}
	c.messages(where, of.GetMessageType(), nf.GetMessageType())
	c.enums(where, of.GetEnumType(), nf.GetEnumType())

	newServices := byName(nf.GetService(), (*descriptorpb.ServiceDescriptorProto).GetName)
	for _, oldSvc := range of.GetService() {
		newSvc, ok := newServices[oldSvc.GetName()]
		if !ok {
			c.report(where, "service %s removed", oldSvc.GetName())
			continue
		}
		c.service(where+": service "+oldSvc.GetName(), oldSvc, newSvc)
	}
}

func (c *checker) service(where string, oldSvc, newSvc *descriptorpb.ServiceDescriptorProto) {
	newMethods := byName(newSvc.GetMethod(), (*descriptorpb.MethodDescriptorProto).GetName)
	for _, om := range oldSvc.GetMethod() {
		nm, ok := newMethods[om.GetName()]
		switch {
		case !ok:
			c.report(where, "method %s removed", om.GetName())
		case om.GetInputType() != nm.GetInputType() || om.GetOutputType() != nm.GetOutputType():
			c.report(where, "method %s signature changed from (%s) %s to (%s) %s", om.GetName(),
				om.GetInputType(), om.GetOutputType(), nm.GetInputType(), nm.GetOutputType())
		case om.GetClientStreaming() != nm.GetClientStreaming() || om.GetServerStreaming() != nm.GetServerStreaming():
			c.report(where, "method %s streaming changed", om.GetName())
		}
	}
}

func (c *checker) messages(where string, old, new []*descriptorpb.DescriptorProto) {
	newMessages := byName(new, (*descriptorpb.DescriptorProto).GetName)
	for _, om := range old {
		nm, ok := newMessages[om.GetName()]
		if !ok {
			c.report(where, "message %s removed", om.GetName())
			continue
		}
		c.message(where+": message "+om.GetName(), om, nm)
	}
}

func (c *checker) message(where string, om, nm *descriptorpb.DescriptorProto) {
	newFields := map[int32]*descriptorpb.FieldDescriptorProto{}
	for _, f := range nm.GetField() {
		newFields[f.GetNumber()] = f
	}
	for _, of := range om.GetField() {
		nf, ok := newFields[of.GetNumber()]
		if !ok {
			if !reservedField(nm, of.GetNumber()) {
				c.report(where, "field %d (%s) removed without reserving its number", of.GetNumber(), of.GetName())
			}
			continue
		}
		if of.GetName() != nf.GetName() {
			c.report(where, "field %d renamed from %s to %s (breaks JSON and generated code)", of.GetNumber(), of.GetName(), nf.GetName())
		}
		if of.GetType() != nf.GetType() || of.GetTypeName() != nf.GetTypeName() {
			c.report(where, "field %d (%s) type changed from %s to %s", of.GetNumber(), of.GetName(), typeName(of), typeName(nf))
		}
		if of.GetLabel() != nf.GetLabel() {
			c.report(where, "field %d (%s) cardinality changed from %s to %s", of.GetNumber(), of.GetName(), of.GetLabel(), nf.GetLabel())
		}
		if (of.OneofIndex == nil) != (nf.OneofIndex == nil) {
			c.report(where, "field %d (%s) moved into or out of a oneof", of.GetNumber(), of.GetName())
		}
	}
	c.messages(where, om.GetNestedType(), nm.GetNestedType())
	c.enums(where, om.GetEnumType(), nm.GetEnumType())
}

func (c *checker) enums(where string, old, new []*descriptorpb.EnumDescriptorProto) {
	newEnums := byName(new, (*descriptorpb.EnumDescriptorProto).GetName)
	for _, oe := range old {
		ne, ok := newEnums[oe.GetName()]
		if !ok {
			c.report(where, "enum %s removed", oe.GetName())
			continue
		}
		newValues := map[int32]string{}
		for _, v := range ne.GetValue() {
			newValues[v.GetNumber()] = v.GetName()
		}
		for _, ov := range oe.GetValue() {
			name, ok := newValues[ov.GetNumber()]
			switch {
			case !ok && !reservedEnum(ne, ov.GetNumber()):
				c.report(where, "enum %s value %d (%s) removed without reserving its number", oe.GetName(), ov.GetNumber(), ov.GetName())
			case ok && name != ov.GetName():
				c.report(where, "enum %s value %d renamed from %s to %s", oe.GetName(), ov.GetNumber(), ov.GetName(), name)
			}
		}
	}
}

func reservedField(m *descriptorpb.DescriptorProto, n int32) bool {
	return slices.ContainsFunc(m.GetReservedRange(), func(r *descriptorpb.DescriptorProto_ReservedRange) bool {
		return n >= r.GetStart() && n < r.GetEnd() // end is exclusive for messages
	})
}

func reservedEnum(e *descriptorpb.EnumDescriptorProto, n int32) bool {
	return slices.ContainsFunc(e.GetReservedRange(), func(r *descriptorpb.EnumDescriptorProto_EnumReservedRange) bool {
		return n >= r.GetStart() && n <= r.GetEnd() // end is inclusive for enums
	})
}

func typeName(f *descriptorpb.FieldDescriptorProto) string {
	if f.GetTypeName() != "" {
		return f.GetTypeName()
	}
	return f.GetType().String()
}

func byName[T any](items []T, name func(T) string) map[string]T {
	m := make(map[string]T, len(items))
	for _, it := range items {
		m[name(it)] = it
	}
	return m
}
