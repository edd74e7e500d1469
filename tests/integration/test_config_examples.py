"""config/examples: every example is a complete, valid config (`profilegw --check-config` exits 0 with
the environment variables it references set), and config/examples/README.md explains every key
the examples use."""
import glob
import json
import os
import re
import subprocess
import unittest

from harness import PROFILEGW_BIN, SOURCE_DIR

EXAMPLES_DIR = os.path.join(SOURCE_DIR, "config", "examples")
PROVIDER_EXAMPLES = ("django", "shop", "v1rest", "partner", "salla")
# Free maps: their keys are data (header names, operation keys), not config keys.
FREE_MAPS = {"tenants[].upstream.headers", "tenants[].upstream.paths"}
# Blocks with their own reference (a mapped provider's `mapping`: docs/mapping.md).
OPAQUE = {"tenants[].mapping"}


def referenced_variables(text):
    return sorted(set(re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", text)))


def example_env(text):
    env = dict(os.environ)
    for name in referenced_variables(text):
        # Long enough for every secret's minimum (secrets.verification_key wants 16+ bytes).
        env[name] = "example-value-for-" + name.lower()
    return env


def key_paths(value, prefix=""):
    """Schema-style paths of every key: tenants[].upstream.tls.verify, tenants[].upstream.headers.*"""
    out = set()
    if isinstance(value, dict):
        for k, v in value.items():
            path = prefix + "." + k if prefix else k
            if prefix in FREE_MAPS:
                out.add(prefix + ".*")
                continue
            out.add(path)
            if path not in OPAQUE:
                out |= key_paths(v, path)
    elif isinstance(value, list):
        for item in value:
            out |= key_paths(item, prefix + "[]")
    return out


class ConfigExamplesTest(unittest.TestCase):
    def examples(self):
        files = sorted(glob.glob(os.path.join(EXAMPLES_DIR, "*.json")))
        self.assertTrue(files, "no examples in " + EXAMPLES_DIR)
        return files

    def test_one_example_per_provider(self):
        names = {os.path.basename(f)[:-5] for f in self.examples()}
        for provider in PROVIDER_EXAMPLES:
            self.assertIn(provider, names)
            with open(os.path.join(EXAMPLES_DIR, provider + ".json")) as f:
                cfg = json.load(f)
            self.assertEqual({t["provider"] for t in cfg["tenants"]}, {provider})

    def test_every_example_passes_check_config(self):
        for path in self.examples():
            with self.subTest(example=os.path.basename(path)):
                with open(path) as f:
                    text = f.read()
                result = subprocess.run([PROFILEGW_BIN, "--config", path, "--check-config"], env=example_env(text),
                                        capture_output=True, text=True, timeout=30)
                self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
                self.assertIn("OK", result.stdout)

    def test_missing_variable_is_reported(self):
        path = os.path.join(EXAMPLES_DIR, "partner.json")
        with open(path) as f:
            text = f.read()
        env = example_env(text)
        del env["PARTNER_DIGEST_PASSWORD"]
        result = subprocess.run([PROFILEGW_BIN, "--config", path, "--check-config"], env=env,
                                capture_output=True, text=True, timeout=30)
        self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
        self.assertIn("PARTNER_DIGEST_PASSWORD", result.stdout + result.stderr)

    def test_readme_explains_every_key_and_variable(self):
        with open(os.path.join(EXAMPLES_DIR, "README.md")) as f:
            readme = f.read()
        for path in self.examples():
            name = os.path.basename(path)
            with open(path) as f:
                text = f.read()
            self.assertIn(name, readme, "config/examples/README.md does not mention " + name)
            for key in sorted(key_paths(json.loads(text))):
                self.assertIn("`" + key + "`", readme, "%s uses %s; config/examples/README.md does not explain it"
                              % (name, key))
            for var in referenced_variables(text):
                self.assertIn(var, readme, "%s references ${%s}; the README does not say what it is" % (name, var))


if __name__ == "__main__":
    unittest.main()
