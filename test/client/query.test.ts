import { parseQueryString, serializeQuery } from "../../src/client";

describe("serializeQuery", () => {
  it("keeps key order, joins arrays with commas and writes booleans as true/false", () => {
    expect(
      serializeQuery({ ids: [1, 2, 3], hot: true, inclusive: false, sort_by: "id:desc" }),
    ).toBe("ids=1,2,3&hot=true&inclusive=false&sort_by=id:desc");
  });

  it("drops undefined, null, empty strings and empty arrays instead of sending key=", () => {
    expect(serializeQuery({ a: undefined, b: null, c: "", d: [], e: 0, f: "x" })).toBe("e=0&f=x");
  });

  it("keeps brackets of nested filters readable and encodes everything else", () => {
    expect(
      serializeQuery({ "custom_fields[External ID]": "a&b", "address[city]": "New York" }),
    ).toBe("custom_fields[External%20ID]=a%26b&address[city]=New%20York");
  });

  it("reads a query string back", () => {
    expect(parseQueryString("?page=2&per_page=100&name=a%20b")).toEqual({
      page: "2",
      per_page: "100",
      name: "a b",
    });
  });
});
