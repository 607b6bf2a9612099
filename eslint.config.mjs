// ESLint flat config: typescript-eslint's recommended rules on all TypeScript, the Pulumi plugin's rules (an
// Output in a plain template literal prints "Calling [toString] on an Output<T>" instead of the value), and a few
// type-aware rules for promises, which a Pulumi program must never drop. Formatting is Prettier's job.
import js from "@eslint/js";
import pulumi from "@pulumi/eslint-plugin";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig([
    globalIgnores([
        "**/node_modules/",
        "bin/",
        "dist/",
        "out/",
        "plan-out/",
        ".plan-out/",
        "tests/fixtures/",
        "policy-pack/bin/",
    ]),
    {
        files: ["**/*.mjs", "**/*.js"],
        extends: [js.configs.recommended],
        languageOptions: { sourceType: "module", globals: { process: "readonly", console: "readonly" } },
    },
    {
        files: ["**/*.ts"],
        extends: [tseslint.configs.recommended],
        languageOptions: {
            parserOptions: {
                // Type information for the Pulumi rules: each file is checked with the tsconfig.json that includes it.
                projectService: true,
                tsconfigRootDir: import.meta.dirname,
            },
        },
        plugins: { "@pulumi": pulumi },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
            "@typescript-eslint/no-floating-promises": "error",
            "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
            "@typescript-eslint/no-unused-vars": [
                "error",
                { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
            ],
        },
    },
    {
        // Specs read parsed YAML and JSON documents whose shape the assertions check.
        files: ["tests/**/*.ts"],
        rules: { "@typescript-eslint/no-explicit-any": "off" },
    },
]);
