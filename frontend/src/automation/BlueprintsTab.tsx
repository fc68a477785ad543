export default function BlueprintsTab() {
  return null;
}
