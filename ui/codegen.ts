import type { CodegenConfig } from "@graphql-codegen/cli";

// The SDL generated from carrot.schema and checked in at the repository root is the source of truth:
// a schema change that breaks an operation or a component fails `npm run build`.
const schema = "../schema.graphql";

const config: CodegenConfig = {
  schema,
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTime: "string", JSONString: "string", GenericScalar: "unknown", ID: "string" },
        avoidOptionals: false,
      },
    },
  },
};

export default config;
