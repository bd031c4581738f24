export default function HistoryView({ onClose }: { onClose: () => void }) {
  return (
    <div className="screen">
      <button type="button" onClick={onClose}>
        Back
      </button>
    </div>
  );
}
