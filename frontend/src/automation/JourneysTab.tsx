export default function JourneysTab() {
  return null;
}
