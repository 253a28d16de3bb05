// Lists the accounts with their balances through the guide's useAccounts hook,
// refreshed on the guide's socketService balance updates.
import { useEffect } from 'react';
import { useQueryClient } from 'react-query';
import { useAccounts } from '../hooks/useAccounts';
import socketService from '../services/realtime/socketService';

const money = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

export default function Dashboard() {
  const queryClient = useQueryClient();
  const { data, isLoading, error } = useAccounts();

  useEffect(() => {
    const onBalance = () => queryClient.invalidateQueries('accounts');
    socketService.connect(localStorage.getItem('authToken'));
    socketService.subscribe('balanceUpdate', onBalance);
    return () => {
      socketService.unsubscribe('balanceUpdate', onBalance);
      socketService.disconnect();
    };
  }, [queryClient]);

  if (isLoading) return <p>Loading accounts…</p>;
  if (error) return <p role="alert">Could not load accounts: {error.message}</p>;

  // The mock bank pages lists: { items, page, pageSize, total }.
  const accounts = Array.isArray(data) ? data : data?.items ?? [];
  return (
    <main>
      <h1>Accounts</h1>
      <ul>
        {accounts.map((account) => (
          <li key={account.id}>
            <span>{account.name}</span>{' '}
            <span className="balance">
              {account.currency} {money.format(Number(account.balance))}
            </span>
          </li>
        ))}
      </ul>
    </main>
  );
}
